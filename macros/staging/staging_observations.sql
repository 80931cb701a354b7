{#- Post-hook of staging_observations: one warning per observation, none when it is empty. -#}
{% macro lea_warn_staging_observations(relation) -%}
    {%- if execute -%}
        {%- set found = run_query(
            "select source_table, observation, n_keys, n_rows, example_row_numbers from " ~ relation
            ~ " order by source_table, observation") -%}
        {%- set explanations = {
            'several_rows_per_person': 'persons have more than one row; the first row in file order is used',
            'several_rows_per_person_and_year': 'person-years have more than one row; their amounts are summed',
            'several_rows_per_person_benefit_and_month': 'person-benefit-months have more than one row; their amounts are summed',
            'money_with_more_than_two_decimals': 'rows have money with more than two decimals; kept as is',
        } -%}
        {%- for row in found.rows -%}
            {%- do exceptions.warn(
                "Staging observation: " ~ row[0] ~ ": " ~ row[2] ~ " " ~ explanations.get(row[1], row[1])
                ~ " (" ~ row[3] ~ " rows, e.g. landing rows " ~ row[4] ~ "); see staging.staging_observations.") -%}
        {%- endfor -%}
    {%- endif -%}
    {{ return('') }}
{%- endmacro %}
