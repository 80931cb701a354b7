{#- Every family lives in one dwelling on the reference date, the dwelling of int_families. -#}
with

members as (

    select * from {{ ref('int_family_members') }}

),

residents as (

    select * from {{ ref('int_residents') }}

),

families as (

    select * from {{ ref('int_families') }}

),

final as (

    select
        members.stat_year,
        members.family_id,
        residents.dwelling_id as member_dwelling_id,
        families.dwelling_id as family_dwelling_id

    from members
    inner join residents
        on
            members.stat_year = residents.stat_year
            and members.person_id = residents.person_id
    inner join families
        on
            members.stat_year = families.stat_year
            and members.family_id = families.family_id
    where residents.dwelling_id <> families.dwelling_id

)

select * from final
