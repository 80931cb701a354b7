{#-
    The seed indicator_catalog is the one list of the indicators. dbt cannot read a seed
    while it compiles, so it reads the indicators from the graph (lea_indicator_denominators:
    the columns of int_family_phenomena with meta indicator_denominator); this test fails
    with one row per disagreement between the two:
    - an id of the catalogue that no column declares, a declared id missing from the
      catalogue, or an id at another position than the catalogue's sort_order gives it;
    - a declared denominator measure other than the catalogue's denominator_measure;
    - two indicators of the catalogue with the same denominator_measure whose denominator
      texts differ, or with different measures whose texts are the same (en, fi or sv).
-#}
{%- set declared = [] %}
{%- for indicator_id, measure in lea_indicator_denominators().items() %}
    {%- do declared.append({'indicator_id': indicator_id, 'position': loop.index, 'measure': measure}) %}
{%- endfor %}

with

indicator_catalog as (

    select * from {{ ref('indicator_catalog') }}

),

catalogued as (

    select
        indicator_id,
        denominator_measure,
        denominator as denominator_en,
        denominator_fi,
        denominator_sv,
        row_number() over (order by sort_order) as catalogue_position

    from indicator_catalog

),

declared as (
    {% for row in declared %}
        select
            '{{ row.indicator_id }}' as indicator_id,
            {{ row.position }} as catalogue_position,
            '{{ row.measure }}' as denominator_measure
        {% if not loop.last %}
            union all
        {% endif %}
    {%- endfor %}
),

id_problems as (

    select
        coalesce(catalogued.indicator_id, declared.indicator_id) as indicator_id,
        case
            when declared.indicator_id is null then 'in indicator_catalog, not declared by int_family_phenomena'
            when catalogued.indicator_id is null then 'declared by int_family_phenomena, not in indicator_catalog'
            when catalogued.catalogue_position != declared.catalogue_position
                then 'declared at another position than in indicator_catalog (sort_order)'
            else concat(
                'declared with denominator ', declared.denominator_measure,
                ', catalogued with ', catalogued.denominator_measure
            )
        end as problem

    from catalogued
    full outer join declared
        on catalogued.indicator_id = declared.indicator_id
    where
        declared.indicator_id is null
        or catalogued.indicator_id is null
        or catalogued.catalogue_position != declared.catalogue_position
        or catalogued.denominator_measure != declared.denominator_measure

),

denominator_problems as (

    select
        left_side.indicator_id || ' and ' || right_side.indicator_id as indicator_id,
        case
            when left_side.denominator_measure = right_side.denominator_measure
                then 'same denominator measure, different denominator texts in indicator_catalog'
            else 'different denominator measures, the same denominator text in indicator_catalog'
        end as problem

    from catalogued as left_side
    inner join catalogued as right_side
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
