{#- Rows that break a table's grain without being duplicates, and money with more than two
    decimals: staged (the contract keeps them), reported here and logged as a warning. -#}
{{ config(
    materialized='table',
    post_hook="{{ lea_warn_staging_observations(this) }}",
) }}

{#- The staged views are read where they are used: DuckDB materialises a CTE that is
    referenced more than once, which would copy millions of rows. -#}
with

income as (

    select * from {{ ref('stg_vero__income') }}

),

benefits as (

    select * from {{ ref('stg_kela__benefits') }}

),

{# The rows of a grain key held by more than one row (lea_rows_of_repeated_keys: hash
    aggregation, no window over every row). #}
person_rows as (

    select
        'dvv_persons' as source_table,
        'several_rows_per_person' as observation,
        person_id as grain_key,
        landing_row_number,
        rows_per_key

    from ({{ lea_rows_of_repeated_keys(ref('stg_dvv__persons'), ['person_id']) }}) as repeated

),

person_year_rows as (

    select
        'vero_income' as source_table,
        'several_rows_per_person_and_year' as observation,
        person_id || '|' || cast(tax_year as {{ dbt.type_string() }}) as grain_key,
        landing_row_number,
        rows_per_key

    from ({{ lea_rows_of_repeated_keys(ref('stg_vero__income'), ['person_id', 'tax_year']) }}) as repeated

),

benefit_month_rows as (

    select
        'kela_benefits' as source_table,
        'several_rows_per_person_benefit_and_month' as observation,
        person_id || '|' || benefit_code || '|' || cast(payment_month as {{ dbt.type_string() }})
            as grain_key,
        landing_row_number,
        rows_per_key

    from (
        {{ lea_rows_of_repeated_keys(ref('stg_kela__benefits'), ['person_id', 'benefit_code', 'payment_month']) }}
    ) as repeated

),

{#- More than two decimals, allowing for the binary representation of a double. -#}
{%- set more_than_two_decimals = 'abs({0} * 100 - round({0} * 100)) > 0.001' %}

income_money_rows as (

    select
        'vero_income' as source_table,
        'money_with_more_than_two_decimals' as observation,
        cast(landing_row_number as {{ dbt.type_string() }}) as grain_key,
        landing_row_number,
        1 as rows_per_key

    from income
    where
        {{ more_than_two_decimals | replace('{0}', 'earned_income_eur') }}
        or {{ more_than_two_decimals | replace('{0}', 'capital_income_eur') }}
        or {{ more_than_two_decimals | replace('{0}', 'taxes_paid_eur') }}

),

benefit_money_rows as (

    select
        'kela_benefits' as source_table,
        'money_with_more_than_two_decimals' as observation,
        cast(landing_row_number as {{ dbt.type_string() }}) as grain_key,
        landing_row_number,
        1 as rows_per_key

    from benefits
    where {{ more_than_two_decimals | replace('{0}', 'amount_eur') }}

),

observed_rows as (

    select * from person_rows
    where rows_per_key > 1

    union all

    select * from person_year_rows
    where rows_per_key > 1

    union all

    select * from benefit_month_rows
    where rows_per_key > 1

    union all

    select * from income_money_rows

    union all

    select * from benefit_money_rows

),

observations as (

    select
        source_table,
        observation,
        count(distinct grain_key) as n_keys,
        count(*) as n_rows,
        {{ lea_listagg_sorted(
            'cast(landing_row_number as ' ~ dbt.type_string() ~ ')',
            'landing_row_number',
            "', '",
            10,
        ) }} as example_row_numbers

    from observed_rows
    group by source_table, observation

),

final as (

    select
        source_table || ':' || observation as observation_id,
        source_table,
        observation,
        n_keys,
        n_rows,
        example_row_numbers

    from observations

)

select * from final
