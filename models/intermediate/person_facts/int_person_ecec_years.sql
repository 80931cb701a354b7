{#- Early childhood education on the reference date, per child and statistical year: Varda
    decisions of any provider type and any hours active on 31 December (start on or before
    it, end on or after it or open). One row per child and year with such a decision. -#}
with

ecec_decisions as (

    select * from {{ ref('stg_varda__ecec_decisions') }}

),

stat_years as (

    select * from {{ ref('int_stat_years') }}

),

final as (

    select
        stat_years.stat_year,
        ecec_decisions.child_id as person_id,
        count(*) as n_active_decisions,
        sum(ecec_decisions.hours_per_week) as hours_per_week

    from ecec_decisions
    inner join stat_years
        on
            ecec_decisions.start_date <= stat_years.reference_date
            and (
                ecec_decisions.end_date is null
                or ecec_decisions.end_date >= stat_years.reference_date
            )
    group by stat_years.stat_year, ecec_decisions.child_id

)

select * from final
