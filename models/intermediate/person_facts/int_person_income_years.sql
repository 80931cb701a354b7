{#- Income and non-taxable benefits per person and statistical year: taxed income of tax
    year Y (several rows of one person-year are summed) and the benefits that count in
    disposable income (seed benefit_types) paid in a month of Y. One row per person and
    year with any such row; a person without one has zero. -#}
with

income as (

    select * from {{ ref('stg_vero__income') }}

),

benefits as (

    select * from {{ ref('stg_kela__benefits') }}

),

benefit_types as (

    select * from {{ ref('benefit_types') }}

),

stat_years as (

    select * from {{ ref('int_stat_years') }}

),

taxed_income as (

    select
        stat_years.stat_year,
        income.person_id,
        income.earned_income_eur,
        income.capital_income_eur,
        income.taxes_paid_eur,
        cast(0 as double) as non_taxable_benefits_eur,
        cast(null as date) as social_assistance_month

    from income
    inner join stat_years
        on income.tax_year = stat_years.stat_year

),

counted_benefits as (

    select
        stat_years.stat_year,
        benefits.person_id,
        cast(0 as double) as earned_income_eur,
        cast(0 as double) as capital_income_eur,
        cast(0 as double) as taxes_paid_eur,
        case
            when benefit_types.counts_in_disposable_income then benefits.amount_eur
            else cast(0 as double)
        end as non_taxable_benefits_eur,
        case
            when benefit_types.is_basic_social_assistance then benefits.payment_month
        end as social_assistance_month

    from benefits
    inner join benefit_types
        on benefits.benefit_code = benefit_types.benefit_code
    {#- The year as an equality key makes this a hash join (a range alone would be a
        nested loop over every benefit row); the range keeps the definition exact. #}
    inner join stat_years
        on
            extract(year from benefits.payment_month) = stat_years.stat_year
            and benefits.payment_month >= stat_years.year_start
            and benefits.payment_month <= stat_years.reference_date
    where
        benefit_types.counts_in_disposable_income
        or benefit_types.is_basic_social_assistance

),

income_rows as (

    select * from taxed_income
    union all
    select * from counted_benefits

),

{# Two plain aggregations instead of one with count(distinct): first per person, year
    and social assistance month (NULL for every other row), then per person and year. #}

person_year_months as (

    select
        stat_year,
        person_id,
        social_assistance_month,
        sum(earned_income_eur) as earned_income_eur,
        sum(capital_income_eur) as capital_income_eur,
        sum(taxes_paid_eur) as taxes_paid_eur,
        sum(non_taxable_benefits_eur) as non_taxable_benefits_eur,
        sum(earned_income_eur + capital_income_eur - taxes_paid_eur + non_taxable_benefits_eur)
            as disposable_income_eur

    from income_rows
    group by stat_year, person_id, social_assistance_month

),

final as (

    select
        stat_year,
        person_id,
        sum(earned_income_eur) as earned_income_eur,
        sum(capital_income_eur) as capital_income_eur,
        sum(taxes_paid_eur) as taxes_paid_eur,
        sum(non_taxable_benefits_eur) as non_taxable_benefits_eur,
        count(social_assistance_month) as social_assistance_months,
        sum(disposable_income_eur) as disposable_income_eur

    from person_year_months
    group by stat_year, person_id

)

select * from final
