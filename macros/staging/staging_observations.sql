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


{#- The rows of `relation` whose key (non-NULL columns) is held by more than
    one row: landing_row_number, the key columns and rows_per_key. Hash aggregation on the
    key's row hash finds the few candidate keys; only their rows are counted exactly. -#}
{% macro lea_rows_of_repeated_keys(relation, key_columns) -%}
    select
        landing_row_number,
        {{ key_columns | join(', ') }},
        count(*) over (partition by {{ key_columns | join(', ') }}) as rows_per_key

    from {{ relation }}
    where {{ lea_row_hash(key_columns) }} in (
        select {{ lea_row_hash(key_columns) }}
        from {{ relation }}
        group by {{ lea_row_hash(key_columns) }}
        having count(*) > 1
    )
{%- endmacro %}
