{#- No two staged residence periods of one person overlap (both ends inclusive, an open end
    lasts forever). Checked pairwise, independently of the window logic that quarantines
    overlaps. -#}
with

residences as (

    select * from {{ ref('stg_dvv__residences') }}

),

final as (

    select
        earlier.person_id,
        earlier.landing_row_number as earlier_row_number,
        later.landing_row_number as later_row_number

    from residences as earlier
    inner join residences as later
        on
            earlier.person_id = later.person_id
            and earlier.landing_row_number < later.landing_row_number
            and earlier.start_date <= coalesce(later.end_date, cast('9999-12-31' as date))
            and later.start_date <= coalesce(earlier.end_date, cast('9999-12-31' as date))

)

select * from final
