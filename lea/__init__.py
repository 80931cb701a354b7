"""LEA: wellbeing of families with children from national registers.

The package holds the synthetic register generator (`lea.synth`, run as `lea synth`) and
the pure helpers of the typology (`lea.typology`) that the dbt Python model calls.
"""

__version__ = "0.1.0"
