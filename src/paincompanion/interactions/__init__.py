"""Medicine and supplement interactions: the bundled cited dataset and the pure-Python engine (stdlib only)."""

from __future__ import annotations

from .acetaminophen import ApapResult, acetaminophen_total
from .checker import CheckResult, check
from .dataset import Dataset, load_dataset
from .mme import MmeItem, MmeResult, compute_mme
from .normalize import Resolution

__all__ = [
    "ApapResult",
    "CheckResult",
    "Dataset",
    "MmeItem",
    "MmeResult",
    "Resolution",
    "acetaminophen_total",
    "check",
    "compute_mme",
    "load_dataset",
]
