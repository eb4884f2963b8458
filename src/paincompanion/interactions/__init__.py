"""Medicine and supplement interactions: the bundled cited dataset and the pure-Python engine (stdlib only)."""

from __future__ import annotations

from .dataset import Dataset, load_dataset
from .normalize import Resolution

__all__ = ["Dataset", "Resolution", "load_dataset"]
