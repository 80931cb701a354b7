{#- The seed quarantine_reasons documents exactly the reasons and steps the validation
    macros use (lea_quarantine_check_order). -#}
{%- set order = lea_quarantine_check_order() %}

with

documented as (

    select * from {{ ref('quarantine_reasons') }}

),

implemented as (
    {% for reason, step in order.items() %}
        select
            '{{ reason }}' as reason,
            {{ step }} as check_step
        {% if not loop.last %}
            union all
        {% endif %}
    {%- endfor %}
),

final as (

    select
        coalesce(documented.reason, implemented.reason) as reason,
        documented.check_step as documented_step,
        implemented.check_step as implemented_step

    from documented
    full outer join implemented
        on documented.reason = implemented.reason
    where
        documented.reason is null
        or implemented.reason is null
        or documented.check_step <> implemented.check_step

)

select * from final
