{#- The good rows of kela_benefits: every contract check passed. Stops here, naming the
    table, when its share of bad rows exceeds var('max_bad_row_share'). -#}
{{ config(
    pre_hook="{{ lea_check_bad_row_share('kela_benefits', 'base_kela__benefits_validated') }}",
) }}

with

validated as (

    select * from {{ ref('base_kela__benefits_validated') }}

),

final as (

    select
        person_id,
        benefit_code,
        payment_month,
        amount_eur,
        landing_row_number

    from validated
    where quarantine_reason is null

)

select * from final
