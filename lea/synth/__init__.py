"""Synthetic register extracts that meet the landing contract (`lea synth`).

`generate` writes every table of `lea.contract.TABLES` for a population of families with
children in the six study municipalities; see docs/synthetic-registers.md.
"""

from lea.synth.generate import generate

__all__ = ["generate"]
