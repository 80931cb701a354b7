{#- Published: the eleven indicators by municipality and year (grain: year,
    municipality_code, indicator_id). -#}
{{ lea_published_indicators('municipality') }}
