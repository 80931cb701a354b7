-- int_family_phenomena has exactly one row for every study family with children of
-- int_families, and no other.
with

families as (

    select * from {{ ref('int_families') }}

),

family_phenomena as (

    select * from {{ ref('int_family_phenomena') }}

),

expected as (

    select
        stat_year,
        family_id
    from families
    where is_in_study_area and is_family_with_children

),

missing as (

    select
        expected.stat_year,
        expected.family_id,
        'missing from int_family_phenomena' as problem
    from expected
    left join family_phenomena
        on
            expected.stat_year = family_phenomena.stat_year
            and expected.family_id = family_phenomena.family_id
    where family_phenomena.family_id is null

),

extra as (

    select
        family_phenomena.stat_year,
        family_phenomena.family_id,
        'not a study family with children' as problem
    from family_phenomena
    left join expected
        on
            family_phenomena.stat_year = expected.stat_year
            and family_phenomena.family_id = expected.family_id
    where expected.family_id is null

),

final as (

    select * from missing
    union all
    select * from extra

)

select * from final
