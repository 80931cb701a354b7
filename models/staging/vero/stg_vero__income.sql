{#- The good rows of vero_income: every contract check passed. Stops here, naming the
    table, when its share of bad rows exceeds var('max_bad_row_share'). -#}
{{ config(
    pre_hook="{{ lea_check_bad_row_share('vero_income', 'base_vero__income_validated') }}",
) }}

with

validated as (

    select * from {{ ref('base_vero__income_validated') }}

),

final as (

    select
        person_id,
        tax_year,
        earned_income_eur,
        capital_income_eur,
        taxes_paid_eur,
        landing_row_number

    from validated
    where quarantine_reason is null

)

select * from final
