{#- placeholder, replaced below -#}
{% macro publish_marts(results) -%}{{ return('') }}{%- endmacro %}
