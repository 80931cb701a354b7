{#- Degrees per person and statistical year: the degrees of a level that counts as
    parental education (seed education_levels, level 3 or higher) completed on or before
    the reference date. One row per person and year with at least one such degree. -#}
with

degrees as (

    select * from {{ ref('stg_sf__degrees') }}

),

education_levels as (

    select * from {{ ref('education_levels') }}

),

stat_years as (

    select * from {{ ref('int_stat_years') }}

),

counted_degrees as (

    select
        stat_years.stat_year,
        degrees.person_id,
        degrees.degree_level,
        degrees.completion_date

    from degrees
    inner join education_levels
        on degrees.degree_level = education_levels.degree_level
    inner join stat_years
        on degrees.completion_date <= stat_years.reference_date
    where education_levels.counts_as_parental_education

),

final as (

    select
        stat_year,
        person_id,
        count(*) as n_degrees,
        max(degree_level) as highest_degree_level,
        min(completion_date) as first_completion_date

    from counted_degrees
    group by stat_year, person_id

)

select * from final
