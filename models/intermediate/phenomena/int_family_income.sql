{#- Income and the low-income threshold of every study family with children and
    statistical year: the family's disposable income over all its members
    (int_study_family_members, children of any age included), its modified OECD
    consumption units, the equivalised income, the year's median over persons and the
    threshold, and the two income phenomena (low_income, social_assistance). Rules: the
    docs block int_family_phenomena, "Income". -#}
with

study_family_members as (

    select * from {{ ref('int_study_family_members') }}

),

person_income as (

    select * from {{ ref('int_person_income_years') }}

),

{# The modified OECD scale: the oldest parent, every other member aged oecd_adult_age or
    over on D, every younger member. #}
members as (

    select
        stat_year,
        family_id,
        person_id,
        case
            when is_oldest_parent
                then cast({{ var('oecd_weight_first_adult') }} as double)
            when age >= {{ var('oecd_adult_age') }}
                then cast({{ var('oecd_weight_other_adult') }} as double)
            else cast({{ var('oecd_weight_child') }} as double)
        end as oecd_weight

    from study_family_members

),

family_income as (

    select
        members.stat_year,
        members.family_id,
        cast(count(*) as integer) as n_members,
        sum(coalesce(person_income.disposable_income_eur, 0)) as family_disposable_income_eur,
        round(sum(members.oecd_weight), 4) as oecd_consumption_units,
        cast(max(coalesce(person_income.social_assistance_months, 0)) as integer)
            as max_member_social_assistance_months

    from members
    left join person_income
        on
            members.stat_year = person_income.stat_year
            and members.person_id = person_income.person_id
    group by members.stat_year, members.family_id

),

family_equivalised_income as (

    select
        stat_year,
        family_id,
        n_members,
        family_disposable_income_eur,
        oecd_consumption_units,
        cast(family_disposable_income_eur as double) / oecd_consumption_units as equivalised_income_eur,
        max_member_social_assistance_months

    from family_income

),

{# Each person of a study family with children carries the family's equivalised income
    into the median. #}
yearly_medians as (

    select
        members.stat_year,
        {{ lea_median('family_equivalised_income.equivalised_income_eur') }}
            as median_equivalised_income_eur

    from members
    inner join family_equivalised_income
        on
            members.stat_year = family_equivalised_income.stat_year
            and members.family_id = family_equivalised_income.family_id
    group by members.stat_year

),

low_income_thresholds as (

    select
        stat_year,
        median_equivalised_income_eur,
        coalesce(
            {{ lea_year_map_case(var('low_income_threshold_eur'), 'stat_year') }},
            cast({{ var('low_income_median_share') }} as double) * median_equivalised_income_eur
        ) as low_income_threshold_eur

    from yearly_medians

),

final as (

    select
        family_equivalised_income.stat_year,
        family_equivalised_income.family_id,
        family_equivalised_income.n_members,
        family_equivalised_income.family_disposable_income_eur,
        family_equivalised_income.oecd_consumption_units,
        family_equivalised_income.equivalised_income_eur,
        family_equivalised_income.max_member_social_assistance_months,
        low_income_thresholds.median_equivalised_income_eur,
        low_income_thresholds.low_income_threshold_eur,
        coalesce(
            family_equivalised_income.equivalised_income_eur < low_income_thresholds.low_income_threshold_eur,
            false
        ) as low_income,
        family_equivalised_income.max_member_social_assistance_months > 0 as social_assistance

    from family_equivalised_income
    left join low_income_thresholds
        on family_equivalised_income.stat_year = low_income_thresholds.stat_year

)

select * from final
