{#- Published: families with children by wellbeing group, postcode and year (grain: year,
    postcode, group_id). -#}
{{ lea_published_wellbeing_groups('postcode') }}
