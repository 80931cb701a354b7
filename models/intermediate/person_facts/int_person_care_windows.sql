{#- Health care contacts that count for a phenomenon, per person, statistical year and
    phenomenon: Avohilmo visits dated in the phenomenon's window and Hilmo episodes
    overlapping it, whose ICD-10 category is in a range of seed
    phenomenon_diagnosis_ranges or whose service area or specialty is in seed
    phenomenon_care_settings. Facts about persons, whatever their role: the seeds'
    member_role (parent or child) is applied in int_family_phenomena. -#}
with

diagnosis_ranges as (

    select * from {{ ref('phenomenon_diagnosis_ranges') }}

),

care_settings as (

    select * from {{ ref('phenomenon_care_settings') }}

),

windows as (

    select * from {{ ref('int_stat_year_windows') }}

),

{# The ICD-10 category: upper case, without the dot, the first three characters
    (F32.1, F321 and f32 all give F32). Each kind of match reads the registers itself, in
    a subquery: a CTE of the events referenced by both would be copied whole (about
    100 million visits at national full volume) before either join could stream. #}
{%- set care_events %}
    select
        'avohilmo' as care_register,
        visits.landing_row_number as event_number,
        visits.person_id,
        visits.visit_date as event_start,
        visits.visit_date as event_end,
        visits.service_area as setting_code,
        substring(replace(upper(visits.icd10_code), '.', ''), 1, 3) as icd10_category

    from {{ ref('stg_thl__avohilmo_visits') }} as visits

    union all

    select
        'hilmo' as care_register,
        episodes.landing_row_number as event_number,
        episodes.person_id,
        episodes.start_date as event_start,
        episodes.end_date as event_end,
        episodes.specialty_code as setting_code,
        substring(replace(upper(episodes.icd10_code), '.', ''), 1, 3) as icd10_category

    from {{ ref('stg_thl__hilmo_episodes') }} as episodes
{%- endset %}

diagnosis_matches as (

    select
        care_events.care_register,
        care_events.event_number,
        care_events.person_id,
        care_events.event_start,
        care_events.event_end,
        diagnosis_ranges.phenomenon,
        diagnosis_ranges.member_role,
        diagnosis_ranges.time_window

    from ({{ care_events }}) as care_events  -- noqa: ST05
    inner join diagnosis_ranges
        on
            care_events.icd10_category >= diagnosis_ranges.icd10_category_from
            and care_events.icd10_category <= diagnosis_ranges.icd10_category_to

),

setting_matches as (

    select
        care_events.care_register,
        care_events.event_number,
        care_events.person_id,
        care_events.event_start,
        care_events.event_end,
        care_settings.phenomenon,
        care_settings.member_role,
        care_settings.time_window

    from ({{ care_events }}) as care_events  -- noqa: ST05
    inner join care_settings
        on
            care_events.care_register = care_settings.care_register
            and care_events.setting_code = care_settings.setting_code

),

matches as (

    select * from diagnosis_matches
    union all
    select * from setting_matches

),

windowed as (

    select
        windows.stat_year,
        matches.person_id,
        matches.phenomenon,
        matches.member_role,
        matches.care_register,
        matches.event_number

    from matches
    inner join windows
        on
            matches.time_window = windows.time_window
            and matches.event_start <= windows.window_end
            and matches.event_end >= windows.window_start

),

{# An event matched twice (by its diagnosis and its setting) counts once: the events are
    made distinct first, then counted (two count(distinct) would copy the matches). #}
distinct_events as (

    select distinct
        stat_year,
        person_id,
        phenomenon,
        member_role,
        care_register,
        event_number

    from windowed

),

final as (

    select
        stat_year,
        person_id,
        phenomenon,
        member_role,
        count(case when care_register = 'avohilmo' then event_number end) as n_avohilmo_visits,
        count(case when care_register = 'hilmo' then event_number end) as n_hilmo_episodes

    from distinct_events
    group by stat_year, person_id, phenomenon, member_role

)

select * from final
