{#- Published as `wellbeing_group_catalog`: the ten wellbeing groups, their service needs
    and the rules that assign a family to them (grain: group_id). -#}
{{ config(alias='wellbeing_group_catalog') }}

with

wellbeing_groups as (

    select * from {{ ref('wellbeing_group_catalog') }}

),

rules as (

    select * from {{ ref('wellbeing_group_rules') }}

),

rule_texts as (

    select
        group_id,
        priority,
        'priority ' || cast(priority as varchar) || ':'
        || case when coalesce(requires_all, '') <> '' then ' all of [' || requires_all || ']' else '' end
        || case when coalesce(requires_any, '') <> '' then ' any of [' || requires_any || ']' else '' end
        || case when min_phenomena > 0 then ' at least ' || cast(min_phenomena as varchar) || ' phenomena' else '' end
        || case
            when coalesce(requires_all, '') = '' and coalesce(requires_any, '') = '' and min_phenomena = 0
                then ' every remaining family'
            else ''
        end as rule_text
    from rules

),

group_rules as (

    select
        group_id,
        {{ dbt.listagg('rule_text', "'; '", 'order by priority') }} as rules
    from rule_texts
    group by group_id

),

final as (

    select
        wellbeing_groups.group_id,
        wellbeing_groups.sort_order,
        wellbeing_groups.label_fi,
        wellbeing_groups.label_sv,
        wellbeing_groups.label_en,
        wellbeing_groups.description_fi,
        wellbeing_groups.description_sv,
        wellbeing_groups.description_en,
        group_rules.rules
    from wellbeing_groups
    left join group_rules
        on wellbeing_groups.group_id = group_rules.group_id

)

select * from final
order by sort_order
