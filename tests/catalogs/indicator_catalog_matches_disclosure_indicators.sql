{#-
    The seed indicator_catalog is the one list of the indicators; the macros that name them
    at compile time must agree with it. Fails with one row per disagreement:
    - an id of the catalogue missing from lea_phenomenon_ids() (the boolean columns of
      int_family_phenomena) or from lea_indicator_denominators() (macros/disclosure/), an id
      of either macro missing from the catalogue, or an id at another position than the
      catalogue's sort_order gives it;
    - two indicators with the same denominator measure in lea_indicator_denominators()
      (`families` or `families_3_5`) whose denominator texts differ in the catalogue, or
      two with different measures whose texts are the same (in any of en, fi, sv).
-#}
{%- set macro_lists = {
    'lea_phenomenon_ids': lea_phenomenon_ids(),
    'lea_indicator_denominators': lea_indicator_denominators().keys() | list,
} %}
{%- set denominators = lea_indicator_denominators() %}
{%- set listed_ids = [] %}
{%- for list_name, ids in macro_lists.items() %}
    {%- for indicator_id in ids %}
        {%- do listed_ids.append({
            'list_name': list_name,
            'indicator_id': indicator_id,
            'catalogue_position': loop.index,
            'denominator_measure': denominators.get(indicator_id, ''),
        }) %}
    {%- endfor %}
{%- endfor %}

with

indicator_catalog as (

    select * from {{ ref('indicator_catalog') }}

),

catalogued as (

    select
        indicator_id,
        denominator as denominator_en,
        denominator_fi,
        denominator_sv,
        row_number() over (order by sort_order) as catalogue_position

    from indicator_catalog

),

listed as (
    {% for row in listed_ids %}
        select
            '{{ row.list_name }}' as list_name,
            '{{ row.indicator_id }}' as indicator_id,
            {{ row.catalogue_position }} as catalogue_position,
            '{{ row.denominator_measure }}' as denominator_measure
        {% if not loop.last %}
            union all
        {% endif %}
    {%- endfor %}
),

list_names as (

    select distinct list_name from listed

),

expected as (

    select
        list_names.list_name,
        catalogued.indicator_id,
        catalogued.catalogue_position

    from list_names
    cross join catalogued

),

id_problems as (

    select
        coalesce(expected.list_name, listed.list_name) as list_name,
        coalesce(expected.indicator_id, listed.indicator_id) as indicator_id,
        case
            when listed.indicator_id is null then 'in indicator_catalog, not in the macro'
            when expected.indicator_id is null then 'in the macro, not in indicator_catalog'
            else 'at another position than in indicator_catalog (sort_order)'
        end as problem

    from expected
    full outer join listed
        on
            expected.list_name = listed.list_name
            and expected.indicator_id = listed.indicator_id
    where
        listed.indicator_id is null
        or expected.indicator_id is null
        or expected.catalogue_position != listed.catalogue_position

),

with_measure as (

    select
        catalogued.indicator_id,
        catalogued.denominator_en,
        catalogued.denominator_fi,
        catalogued.denominator_sv,
        listed.denominator_measure

    from catalogued
    inner join listed
        on catalogued.indicator_id = listed.indicator_id
    where listed.list_name = 'lea_indicator_denominators'

),

denominator_problems as (

    select
        'lea_indicator_denominators' as list_name,
        left_side.indicator_id || ' and ' || right_side.indicator_id as indicator_id,
        case
            when left_side.denominator_measure = right_side.denominator_measure
                then 'same denominator measure, different denominator texts in indicator_catalog'
            else 'different denominator measures, the same denominator text in indicator_catalog'
        end as problem

    from with_measure as left_side
    inner join with_measure as right_side
        on left_side.indicator_id < right_side.indicator_id
    where
        (left_side.denominator_measure = right_side.denominator_measure)
        != (
            left_side.denominator_en = right_side.denominator_en
            and left_side.denominator_fi = right_side.denominator_fi
            and left_side.denominator_sv = right_side.denominator_sv
        )
        or (
            left_side.denominator_measure != right_side.denominator_measure
            and (
                left_side.denominator_en = right_side.denominator_en
                or left_side.denominator_fi = right_side.denominator_fi
                or left_side.denominator_sv = right_side.denominator_sv
            )
        )

),

final as (

    select * from id_problems
    union all
    select * from denominator_problems

)

select * from final
