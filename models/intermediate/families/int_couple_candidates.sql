{#-
    Candidate couples of each year: two residents of one dwelling on D who may form a couple
    by rule a (marriage or registered partnership ongoing on D between them), b (a common
    legal child living in the dwelling) or c (cohabitation: both adults, neither in any
    partnership ongoing on D, opposite sex, ages differing by less than the limit, not
    siblings, neither the other's parent or child). One row per pair with its best rule and
    the tie-break keys of the greedy matching in int_couples. Pairs are only formed within
    a dwelling.
-#}
with

residents as (

    select * from {{ ref('int_residents') }}

),

partnerships_ongoing as (

    select * from {{ ref('int_partnerships_ongoing') }}

),

parent_child as (

    select * from {{ ref('int_parent_child') }}

),

siblings as (

    select * from {{ ref('int_siblings') }}

),

parents_at_home as (

    select * from {{ ref('int_parents_at_home') }}

),

rule_a_pairs as (

    select
        partnerships_ongoing.stat_year,
        residents_low.dwelling_id,
        partnerships_ongoing.person_id_low,
        partnerships_ongoing.person_id_high,
        1 as rule_rank

    from partnerships_ongoing
    inner join residents as residents_low
        on
            partnerships_ongoing.stat_year = residents_low.stat_year
            and partnerships_ongoing.person_id_low = residents_low.person_id
    inner join residents as residents_high
        on
            partnerships_ongoing.stat_year = residents_high.stat_year
            and partnerships_ongoing.person_id_high = residents_high.person_id
            and residents_low.dwelling_id = residents_high.dwelling_id

),

rule_b_pairs as (

    select distinct
        parents_low.stat_year,
        parents_low.dwelling_id,
        parents_low.parent_id as person_id_low,
        parents_high.parent_id as person_id_high,
        2 as rule_rank

    from parents_at_home as parents_low
    inner join parents_at_home as parents_high
        on
            parents_low.stat_year = parents_high.stat_year
            and parents_low.child_id = parents_high.child_id
            and parents_low.parent_id < parents_high.parent_id

),

partnered_persons as (

    select
        stat_year,
        person_id_low as person_id
    from partnerships_ongoing
    union
    select
        stat_year,
        person_id_high as person_id
    from partnerships_ongoing

),

unpartnered_adults as (

    select residents.*

    from residents
    left join partnered_persons
        on
            residents.stat_year = partnered_persons.stat_year
            and residents.person_id = partnered_persons.person_id
    where
        residents.age >= {{ var('cohabitation_min_age') }}
        and partnered_persons.person_id is null

),

rule_c_pairs as (

    select
        adults_low.stat_year,
        adults_low.dwelling_id,
        adults_low.person_id as person_id_low,
        adults_high.person_id as person_id_high,
        3 as rule_rank

    from unpartnered_adults as adults_low
    inner join unpartnered_adults as adults_high
        on
            adults_low.stat_year = adults_high.stat_year
            and adults_low.dwelling_id = adults_high.dwelling_id
            and adults_low.person_id < adults_high.person_id
    left join siblings
        on
            adults_low.person_id = siblings.person_id
            and adults_high.person_id = siblings.sibling_id
    left join parent_child as low_parent_of_high
        on
            adults_low.person_id = low_parent_of_high.parent_id
            and adults_high.person_id = low_parent_of_high.child_id
    left join parent_child as high_parent_of_low
        on
            adults_high.person_id = high_parent_of_low.parent_id
            and adults_low.person_id = high_parent_of_low.child_id
    where
        adults_low.sex <> adults_high.sex
        and abs(adults_low.age - adults_high.age) < {{ var('cohabitation_max_age_difference') }}
        and siblings.person_id is null
        and low_parent_of_high.parent_id is null
        and high_parent_of_low.parent_id is null

),

all_pairs as (

    select * from rule_a_pairs
    union all
    select * from rule_b_pairs
    union all
    select * from rule_c_pairs

),

best_rule_per_pair as (

    select
        stat_year,
        dwelling_id,
        person_id_low,
        person_id_high,
        min(rule_rank) as rule_rank

    from all_pairs
    group by stat_year, dwelling_id, person_id_low, person_id_high

),

final as (

    select
        best_rule_per_pair.stat_year,
        best_rule_per_pair.dwelling_id,
        best_rule_per_pair.person_id_low,
        best_rule_per_pair.person_id_high,
        case best_rule_per_pair.rule_rank
            when 1 then 'a'
            when 2 then 'b'
            else 'c'
        end as couple_rule,
        best_rule_per_pair.rule_rank,
        abs(residents_low.age - residents_high.age) as age_difference

    from best_rule_per_pair
    inner join residents as residents_low
        on
            best_rule_per_pair.stat_year = residents_low.stat_year
            and best_rule_per_pair.person_id_low = residents_low.person_id
    inner join residents as residents_high
        on
            best_rule_per_pair.stat_year = residents_high.stat_year
            and best_rule_per_pair.person_id_high = residents_high.person_id

)

select * from final
