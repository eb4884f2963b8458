"""A tiny Qt-free signal: observers in the core without QObject."""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Any


class _StrongRef:
    """Same call shape as weakref.WeakMethod, for plain functions (held strongly)."""

    def __init__(self, slot: Callable[..., Any]) -> None:
        self._slot = slot

    def __call__(self) -> Callable[..., Any]:
        return self._slot


class Signal:
    """Connect callables; bound methods are held weakly so views can go away."""

    def __init__(self) -> None:
        self._slots: list[Callable[[], Callable[..., Any] | None]] = []

    def connect(self, slot: Callable[..., Any]) -> None:
        if hasattr(slot, "__self__") and hasattr(slot, "__func__"):
            ref: Callable[[], Callable[..., Any] | None] = weakref.WeakMethod(slot)
        else:
            ref = _StrongRef(slot)
        self._slots.append(ref)

    def disconnect(self, slot: Callable[..., Any]) -> None:
        self._slots = [r for r in self._slots if r() not in (None, slot)]

    def emit(self, *args: Any) -> None:
        alive = []
        for ref in list(self._slots):
            slot = ref()
            if slot is not None:
                alive.append(ref)
                slot(*args)
        self._slots = alive
