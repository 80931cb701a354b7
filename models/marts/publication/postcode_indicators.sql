{#- Published: the eleven indicators by postcode and year (grain: year, postcode, indicator_id). -#}
{{ lea_published_indicators('postcode') }}
