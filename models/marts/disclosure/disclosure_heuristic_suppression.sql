{#- The suppression pattern of the SQL secondary suppression: per cell its status. Primary rules are in
    disclosure_cells.primary_reason; the secondary suppression (macros/disclosure/
    secondary_suppression.sql) runs here, in rounds, on a work table dropped afterwards. -#}
{{ config(post_hook=["drop table if exists {{ this.schema }}.disclosure_heuristic_suppression__state"]) }}

{%- set state = lea_secondary_suppression(
    ref('disclosure_cells'),
    ref('disclosure_relations'),
    this.schema ~ '.disclosure_heuristic_suppression__state') %}

with

cells as (

    select * from {{ ref('disclosure_cells') }}

),

state as (

    select * from {{ state }}

),

final as (

    select
        cells.cell_id,
        cells.stat_year,
        cells.area_id,
        cells.measure_key,
        cells.value,
        cells.primary_reason,
        state.is_hidden and not cells.is_virtual and cells.area_level <> 'residual' as is_hidden,
        state.suppressed_in_round,
        cells.is_virtual,
        cells.is_fixed,
        cells.area_level,
        cells.primary_reason is not null and not cells.is_fixed as is_protected,
        case
            when cells.is_virtual or cells.area_level = 'residual' then 'not_published'
            when cells.primary_reason is not null then 'suppressed_primary'
            when state.is_hidden then 'suppressed_secondary'
            else 'published'
        end as status

    from cells
    inner join state
        on cells.cell_id = state.cell_id

)

select * from final
