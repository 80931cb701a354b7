"""Random draws that the lives' domains share: a probability from a risk score, events
expanded from per person x year counts, and the years of an episode of a condition."""

from __future__ import annotations

import numpy as np

from lea.synth.arrays import expand, uniform_days


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def expanded_events(rng, counts: np.ndarray, lo: np.ndarray, hi: np.ndarray):
    """Expand per person x year counts into (person, year index, day) events."""
    n_years = counts.shape[1]
    owner, _ = expand(counts.ravel())
    person, k = owner // n_years, owner % n_years
    return person, k, uniform_days(rng, lo.ravel()[owner], hi.ravel()[owner])


def active_years(rng, prob: np.ndarray, eligible: np.ndarray, mean_years: float) -> np.ndarray:
    """Per person x year: an episode of a condition (onset before or during the history)."""
    n, Y = eligible.shape
    has = rng.random(n) < prob
    onset = rng.integers(-3, Y, n)
    length = 1 + rng.geometric(1.0 / mean_years, n)
    k = np.arange(Y)[None, :]
    return has[:, None] & (k >= onset[:, None]) & (k < (onset + length)[:, None]) & eligible
