{#- Published: families with children by wellbeing group, municipality and year (grain: year,
    municipality_code, group_id). -#}
{{ lea_published_wellbeing_groups('municipality') }}
