{#- Health care contacts that count for a phenomenon, per person, statistical year and
    phenomenon: Avohilmo visits dated in the phenomenon's window and Hilmo episodes
    overlapping it, whose ICD-10 category is in a range of seed
    phenomenon_diagnosis_ranges or whose service area or specialty is in seed
    phenomenon_care_settings. Facts about persons, whatever their role: the seeds'
    member_role (parent or child) is applied in int_family_phenomena. -#}
with

visits as (

    select * from {{ ref('stg_thl__avohilmo_visits') }}

),

episodes as (

    select * from {{ ref('stg_thl__hilmo_episodes') }}

),

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
    (F32.1, F321 and f32 all give F32). #}
visit_events as (

    select
        'avohilmo' as care_register,
        visits.landing_row_number as event_number,
        visits.person_id,
        visits.visit_date as event_start,
        visits.visit_date as event_end,
        visits.service_area as setting_code,
        substring(replace(upper(visits.icd10_code), '.', ''), 1, 3) as icd10_category

    from visits

),

episode_events as (

    select
        'hilmo' as care_register,
        episodes.landing_row_number as event_number,
        episodes.person_id,
        episodes.start_date as event_start,
        episodes.end_date as event_end,
        episodes.specialty_code as setting_code,
        substring(replace(upper(episodes.icd10_code), '.', ''), 1, 3) as icd10_category

    from episodes

),

care_events as (

    select * from visit_events
    union all
    select * from episode_events

),

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

    from care_events
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

    from care_events
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

final as (

    select
        stat_year,
        person_id,
        phenomenon,
        member_role,
        count(distinct case when care_register = 'avohilmo' then event_number end)
            as n_avohilmo_visits,
        count(distinct case when care_register = 'hilmo' then event_number end)
            as n_hilmo_episodes

    from windowed
    group by stat_year, person_id, phenomenon, member_role

)

select * from final
