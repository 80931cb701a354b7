-- n_phenomena must equal the number of true phenomena among the eleven.
with

family_phenomena as (

    select * from {{ ref('family_phenomena') }}

),

recounted as (

    select
        family_id,
        stat_year,
        n_phenomena,
        (
            {% for phenomenon in lea_phenomenon_ids() %}
                {{ '+ ' if not loop.first }}case when {{ phenomenon }} then 1 else 0 end
            {% endfor %}
        ) as n_true

    from family_phenomena

)

select * from recounted
where n_phenomena != n_true
