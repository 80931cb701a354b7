{#- The eleven phenomena of every study family with children and statistical year, with
    the inputs that decided them and the no_ecec denominator: the study family
    (int_study_families) beside its four parts, each one row per study family, and the
    number of true phenomena. Definitions: families-and-indicators.md and the docs block
    int_family_phenomena. -#}
with

study_families as (

    select * from {{ ref('int_study_families') }}

),

family_income as (

    select * from {{ ref('int_family_income') }}

),

family_work_and_education as (

    select * from {{ ref('int_family_work_and_education') }}

),

family_health as (

    select * from {{ ref('int_family_health') }}

),

family_everyday_arrangements as (

    select * from {{ ref('int_family_everyday_arrangements') }}

),

{# One list of the columns: the location and situation, the eleven phenomena and the
    no_ecec denominator, the inputs that decided them. #}
phenomena as (

    select
        study_families.stat_year,
        study_families.family_id,
        study_families.municipality_code,
        case when study_families.is_ordinary_postcode then study_families.postcode end as postcode,
        study_families.is_ordinary_postcode,
        study_families.family_structure,
        study_families.youngest_child_age,
        study_families.n_children_under_age_limit,
        study_families.youngest_parent_age,
        family_income.n_members,
        coalesce(family_income.low_income, false) as low_income,
        family_income.social_assistance,
        family_work_and_education.parental_unemployment,
        family_work_and_education.low_parental_education,
        family_health.parental_mental_health,
        family_health.parental_substance_use,
        family_health.child_mental_health,
        family_everyday_arrangements.child_welfare,
        study_families.is_single_parent as single_parent,
        family_everyday_arrangements.frequent_moves,
        family_everyday_arrangements.no_ecec,
        family_everyday_arrangements.has_child_aged_3_5,
        family_everyday_arrangements.youngest_child_moves,
        family_income.family_disposable_income_eur,
        family_income.oecd_consumption_units,
        family_income.equivalised_income_eur,
        family_income.median_equivalised_income_eur,
        family_income.low_income_threshold_eur,
        family_income.max_member_social_assistance_months,
        family_work_and_education.max_parent_unemployment_days,
        family_health.max_parent_n06a_purchases,
        family_work_and_education.n_parents_with_degree,
        family_everyday_arrangements.n_children_with_welfare_measure,
        family_everyday_arrangements.n_children_aged_3_5,
        family_everyday_arrangements.n_children_aged_3_5_without_ecec

    from study_families
    left join family_income
        on
            study_families.stat_year = family_income.stat_year
            and study_families.family_id = family_income.family_id
    left join family_work_and_education
        on
            study_families.stat_year = family_work_and_education.stat_year
            and study_families.family_id = family_work_and_education.family_id
    left join family_health
        on
            study_families.stat_year = family_health.stat_year
            and study_families.family_id = family_health.family_id
    left join family_everyday_arrangements
        on
            study_families.stat_year = family_everyday_arrangements.stat_year
            and study_families.family_id = family_everyday_arrangements.family_id

),

final as (

    select
        *,
        cast(
            {% for phenomenon in lea_phenomenon_ids() %}
                {{ '+ ' if not loop.first }}case when {{ phenomenon }} then 1 else 0 end
            {% endfor %}
            as integer
        ) as n_phenomena

    from phenomena

)

select * from final
