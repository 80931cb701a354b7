{#-
    The members of each year's families: the one or two parents (a couple, or a lone parent
    with at least one child) and their children of any age, with birth date, sex and age on
    the reference date.

    family_id is an MD5 hash of a salt, the year and the members' pseudonyms (sorted, each
    prefixed by its length so that no two member lists can read alike): it is stable within
    a build, unique over all years and reveals no pseudonym. The salt is read at run time
    (macro lea_family_id_salt): LEA_FAMILY_ID_SALT, or a random value made for the build; it
    is never part of the compiled SQL.
-#}
with

residents as (

    select * from {{ ref('int_residents') }}

),

couples as (

    select * from {{ ref('int_couples') }}

),

family_children as (

    select * from {{ ref('int_family_children') }}

),

members as (

    select
        stat_year,
        person_id_low as family_anchor_id,
        person_id_low as person_id,
        'parent' as member_role
    from couples
    union all
    select
        stat_year,
        person_id_low as family_anchor_id,
        person_id_high as person_id,
        'parent' as member_role
    from couples
    union all
    select distinct
        stat_year,
        family_anchor_id,
        family_anchor_id as person_id,
        'parent' as member_role
    from family_children
    where not is_couple_unit
    union all
    select
        stat_year,
        family_anchor_id,
        person_id,
        'child' as member_role
    from family_children

),

family_ids as (

    select
        members.stat_year,
        members.family_anchor_id,
        {{ dbt.hash(dbt.concat([
            lea_family_id_salt(),
            "'|'",
            "cast(stat_year as " ~ api.Column.translate_type('string') ~ ")",
            "'|'",
            lea_listagg_sorted(
                dbt.concat([
                    "cast(" ~ dbt.length('person_id') ~ " as " ~ api.Column.translate_type('string') ~ ")",
                    "':'",
                    "person_id",
                ]),
                "person_id",
            ),
        ])) }} as family_id

    from members
    group by members.stat_year, members.family_anchor_id

),

final as (

    select
        members.stat_year,
        family_ids.family_id,
        members.person_id,
        members.member_role,
        residents.birth_date,
        residents.sex,
        residents.age,
        (
            members.member_role = 'child'
            and residents.age < {{ var('child_age_limit') }}
        ) as is_child_under_age_limit

    from members
    inner join family_ids
        on
            members.stat_year = family_ids.stat_year
            and members.family_anchor_id = family_ids.family_anchor_id
    inner join residents
        on
            members.stat_year = residents.stat_year
            and members.person_id = residents.person_id

)

select * from final
