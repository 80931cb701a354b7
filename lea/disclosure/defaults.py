"""The spec's disclosure defaults (publication.md, "Rules"): a build may be stricter, never
weaker (rule 6)."""

from __future__ import annotations

DISCLOSURE_DEFAULTS = {"min_cell_size": 5, "all_but_a_few": 4, "min_area_families": 30}


def weaker_than_default(settings: dict[str, object]) -> list[str]:
    """What makes these disclosure vars weaker than publication.md allows (rule 6)."""
    problems = []
    for name, default in DISCLOSURE_DEFAULTS.items():
        value = settings.get(name)
        try:
            number = float(str(value))
        except ValueError:
            problems.append(f"{name} = {value!r} is not a number")
            continue
        if number < default:
            problems.append(f"{name} = {value} is below the default {default}")
    if str(settings.get("secondary_suppression")).strip().lower() not in ("true", "1"):
        problems.append(f"secondary_suppression = {settings.get('secondary_suppression')!r}: it cannot be off")
    return problems
