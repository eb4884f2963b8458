"""The demo's weekly PEG answers follow its diary (a real patient's PEG tracks their week, it does not drift)."""

import math
from datetime import date, timedelta
from statistics import mean

from paincompanion.services.demo import generate


def test_each_demo_peg_follows_its_week_of_diary_pain():
    start, end = date(2025, 1, 1), date(2025, 12, 31)
    drafts, pegs = generate(start, end, seed=11)
    assert len(pegs) == 52
    by_day: dict[date, list[int]] = {}
    for draft in drafts:
        by_day.setdefault(draft.at.date(), []).append(draft.pain)
    week_means = []
    for peg in pegs:
        sunday = peg.at.date()
        assert sunday.weekday() == 6
        week = [p for offset in range(7) for p in by_day.get(sunday - timedelta(days=offset), [])]
        week_mean = mean(week)
        week_means.append(week_mean)
        assert abs(peg.pain - week_mean) <= 0.5 + 1e-9  # "average pain in the past week" is the diary's
        assert abs(peg.score - week_mean) <= 2.5
    all_pain = mean(d.pain for d in drafts)
    assert abs(mean(p.score for p in pegs) - all_pain) < 0.75  # not 3.0 → 8.0 beside a diary averaging 4.9
    # It moves with the diary: weeks with more pain have higher PEG scores (strong positive correlation).
    xs = week_means
    ys = [p.score for p in pegs]
    mx, my = mean(xs), mean(ys)
    cov = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    r = cov / math.sqrt(sum((x - mx) ** 2 for x in xs) * sum((y - my) ** 2 for y in ys))
    assert r > 0.5
