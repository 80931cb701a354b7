{#- Published as `indicator_catalog`: the eleven indicators, their definitions and the
    suppression rule that applies to them (grain: indicator_id); every text in Finnish,
    Swedish and English (the English-only columns numerator … suppression_rule are kept
    for the queries that read them). -#}
{{ config(alias='indicator_catalog') }}

with

indicators as (

    select * from {{ ref('indicator_catalog') }}

),

final as (

    select
        indicator_id,
        sort_order,
        domain,
        name_fi,
        name_sv,
        name_en,
        definition_fi,
        definition_sv,
        definition_en,
        numerator,
        denominator,
        sources,
        time_window,
        limitations,
        'A count from 1 to {{ var("min_cell_size") - 1 }} is suppressed; families_with is also suppressed'
        || ' when families minus families_with is 0 to {{ var("all_but_a_few") }} (families > 0); a share is'
        || ' suppressed when either count is, or when families minus families_with is 0 to'
        || ' {{ var("all_but_a_few") }}; every cell of a postcode area with fewer than'
        || ' {{ var("min_area_families") }} families with children is suppressed; further cells are'
        || ' suppressed so that no suppressed cell can be recovered or narrowed to fewer than'
        || ' {{ var("min_cell_size") }} values from published numbers or from what the definitions'
        || ' imply. Every hidden cell has the same status, suppressed, whatever the reason, so that'
        || ' a small cell cannot be told from one hidden to protect it.'
            as suppression_rule,
        -- The texts of the definition in Finnish, Swedish and English (the seed's columns), and
        -- the suppression rule in each language with the build's disclosure parameters filled in.
        numerator_fi,
        numerator_sv,
        numerator_en,
        denominator_fi,
        denominator_sv,
        denominator_en,
        time_window_fi,
        time_window_sv,
        time_window_en,
        sources_fi,
        sources_sv,
        sources_en,
        limitations_fi,
        limitations_sv,
        limitations_en,
        {{ lea_fill_disclosure_parameters('suppression_fi') }} as suppression_rule_fi,
        {{ lea_fill_disclosure_parameters('suppression_sv') }} as suppression_rule_sv,
        {{ lea_fill_disclosure_parameters('suppression_en') }} as suppression_rule_en
    from indicators

)

select * from final
order by sort_order
