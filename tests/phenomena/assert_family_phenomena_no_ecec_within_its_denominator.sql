-- no_ecec can be true only for a family with a child aged 3–5 (its denominator), and then
-- exactly when one of those children had no ECEC decision on the reference date.
with

family_phenomena as (

    select * from {{ ref('family_phenomena') }}

)

select
    stat_year,
    family_id,
    no_ecec,
    has_child_aged_3_5,
    n_children_aged_3_5,
    n_children_aged_3_5_without_ecec
from family_phenomena
where
    (no_ecec and not has_child_aged_3_5)
    or no_ecec != (n_children_aged_3_5_without_ecec > 0)
    or has_child_aged_3_5 != (n_children_aged_3_5 > 0)
