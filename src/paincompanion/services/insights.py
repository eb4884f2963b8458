"""Insights for the GUI: reads the light rows for a period and computes them (analysis/insights.py)."""

from __future__ import annotations

from datetime import timedelta

from ..analysis.insights import MIN_DAYS_PER_SIDE, ROLLING_WINDOW, Insights, compute
from ..domain.clock import Clock
from ..storage import diary_repo, mood_repo
from ..storage.database import Database

__all__ = ["MIN_DAYS_PER_SIDE", "Insights", "InsightsService"]


class InsightsService:
    """Reads the light rows for a period and computes Insights (safe to call from a worker thread)."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    def build(self, range_days: int | None) -> Insights:
        """Insights for the last `range_days` days including today, or for all entries when None."""
        if range_days is not None and range_days < 1:
            raise ValueError("range_days must be at least 1")
        today = self._clock.now().date()
        day_from = None if range_days is None else today - timedelta(days=range_days - 1)
        query_from = None if day_from is None else day_from - timedelta(days=ROLLING_WINDOW - 1)
        with self._db.read() as conn:
            rows = diary_repo.entry_points(conn, query_from)
            locations = diary_repo.location_counts(conn, day_from)
            qualities = diary_repo.quality_counts(conn, day_from)
            total = diary_repo.count(conn)
            moods = mood_repo.mood_points(conn, query_from)  # records without a pain score: mood only
        return compute(
            rows,
            range_days=range_days,
            day_from=day_from,
            today=today,
            location_counts=locations,
            quality_counts=qualities,
            n_entries_all=total,
            mood_records=moods,
        )
