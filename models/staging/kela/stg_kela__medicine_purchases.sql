{#- The good rows of kela_medicine_purchases: every contract check passed. Stops here, naming the
    table, when its share of bad rows exceeds var('max_bad_row_share'). -#}
{{ config(
    pre_hook="{{ lea_check_bad_row_share('kela_medicine_purchases', 'base_kela__medicine_purchases_validated') }}",
) }}

with

validated as (

    select * from {{ ref('base_kela__medicine_purchases_validated') }}

),

final as (

    select
        person_id,
        purchase_date,
        atc_code,
        ddd,
        landing_row_number

    from validated
    where quarantine_reason is null

)

select * from final
