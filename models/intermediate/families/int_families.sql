{#-
    One row per year and family (with or without children): structure, the couple rule,
    location (the members' most common municipality and postcode on D, ties by the smallest
    municipality code, then postcode), study-area and postcode flags, member counts, the
    youngest child under the age limit (latest birth date, then smallest pseudonym) and the
    oldest parent (earliest birth date, then smallest pseudonym).
-#}
with

members as (

    select * from {{ ref('int_family_members') }}

),

residents as (

    select * from {{ ref('int_residents') }}

),

couples as (

    select * from {{ ref('int_couples') }}

),

study_municipalities as (

    select * from {{ ref('study_municipalities') }}

),

postcode_areas as (

    select * from {{ ref('postcode_areas') }}

),

member_counts as (

    select
        stat_year,
        family_id,
        count(*) as n_members,
        sum(case when member_role = 'child' then 1 else 0 end) as n_children_all_ages,
        sum(case when is_child_under_age_limit then 1 else 0 end) as n_children_under_age_limit,
        min(case when member_role = 'parent' then age end) as youngest_parent_age

    from members
    group by stat_year, family_id

),

couple_rules as (

    select
        members.family_id,
        couples.couple_rule

    from members
    inner join couples
        on
            members.stat_year = couples.stat_year
            and members.person_id = couples.person_id_low

),

ranked_parents as (

    select
        family_id,
        person_id,
        sex,
        row_number() over (
            partition by family_id order by birth_date, person_id
        ) as parent_rank

    from members
    where member_role = 'parent'

),

ranked_young_children as (

    select
        family_id,
        person_id,
        age,
        row_number() over (
            partition by family_id order by birth_date desc, person_id asc
        ) as child_rank

    from members
    where is_child_under_age_limit

),

member_locations as (

    select
        members.family_id,
        residents.dwelling_id,
        residents.municipality_code,
        residents.postcode,
        count(*) as n_members_here

    from members
    inner join residents
        on
            members.stat_year = residents.stat_year
            and members.person_id = residents.person_id
    group by members.family_id, residents.dwelling_id, residents.municipality_code, residents.postcode

),

ranked_locations as (

    select
        *,
        row_number() over (
            partition by family_id
            order by n_members_here desc, municipality_code asc, postcode asc, dwelling_id asc
        ) as location_rank

    from member_locations

),

ordinary_postcodes as (

    select
        postcode,
        municipality_code

    from postcode_areas
    where postcode_type_code = '{{ var("ordinary_postcode_type_code") }}'

),

final as (

    select
        member_counts.stat_year,
        member_counts.family_id,
        case
            when couple_rules.couple_rule = 'a' then 'married_couple'
            when couple_rules.couple_rule in ('b', 'c') then 'cohabiting_couple'
            when oldest_parents.sex = '2' then 'mother'
            when oldest_parents.sex = '1' then 'father'
        end as family_structure,
        couple_rules.couple_rule,
        locations.dwelling_id,
        locations.municipality_code,
        locations.postcode,
        study_municipalities.municipality_code is not null as is_in_study_area,
        ordinary_postcodes.postcode is not null as is_ordinary_postcode,
        member_counts.n_children_under_age_limit > 0 as is_family_with_children,
        cast(member_counts.n_members as integer) as n_members,
        cast(member_counts.n_children_all_ages as integer) as n_children_all_ages,
        cast(member_counts.n_children_under_age_limit as integer) as n_children_under_age_limit,
        youngest_children.person_id as youngest_child_id,
        youngest_children.age as youngest_child_age,
        oldest_parents.person_id as oldest_parent_id,
        member_counts.youngest_parent_age

    from member_counts
    left join couple_rules
        on member_counts.family_id = couple_rules.family_id
    inner join ranked_parents as oldest_parents
        on
            member_counts.family_id = oldest_parents.family_id
            and oldest_parents.parent_rank = 1
    left join ranked_young_children as youngest_children
        on
            member_counts.family_id = youngest_children.family_id
            and youngest_children.child_rank = 1
    inner join ranked_locations as locations
        on
            member_counts.family_id = locations.family_id
            and locations.location_rank = 1
    left join study_municipalities
        on locations.municipality_code = study_municipalities.municipality_code
    left join ordinary_postcodes
        on
            locations.postcode = ordinary_postcodes.postcode
            and locations.municipality_code = ordinary_postcodes.municipality_code

)

select * from final
