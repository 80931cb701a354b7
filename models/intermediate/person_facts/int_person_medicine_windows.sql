{#- Reimbursed medicine purchases that count for a phenomenon, per person, statistical
    year and ATC prefix of seed phenomenon_medicine_codes: purchase rows (each row counts,
    also several on one day) dated in the prefix's window. Facts about persons, whatever
    their role; int_family_phenomena applies the member role and the counting rule. -#}
with

purchases as (

    select * from {{ ref('stg_kela__medicine_purchases') }}

),

medicine_codes as (

    select * from {{ ref('phenomenon_medicine_codes') }}

),

windows as (

    select * from {{ ref('int_stat_year_windows') }}

),

matched_purchases as (

    select
        purchases.person_id,
        purchases.purchase_date,
        medicine_codes.phenomenon,
        medicine_codes.member_role,
        medicine_codes.atc_prefix,
        medicine_codes.counting_rule,
        medicine_codes.time_window

    from purchases
    inner join medicine_codes
        on
            substring(upper(purchases.atc_code), 1, length(medicine_codes.atc_prefix))
            = medicine_codes.atc_prefix

),

final as (

    select
        windows.stat_year,
        matched_purchases.person_id,
        matched_purchases.phenomenon,
        matched_purchases.atc_prefix,
        matched_purchases.member_role,
        matched_purchases.counting_rule,
        count(*) as n_purchases

    from matched_purchases
    inner join windows
        on
            matched_purchases.time_window = windows.time_window
            and matched_purchases.purchase_date >= windows.window_start
            and matched_purchases.purchase_date <= windows.window_end
    group by
        windows.stat_year,
        matched_purchases.person_id,
        matched_purchases.phenomenon,
        matched_purchases.atc_prefix,
        matched_purchases.member_role,
        matched_purchases.counting_rule

)

select * from final
