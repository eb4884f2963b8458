"""'About this data' for patients: numbers computed from the dataset, the rules waiting for review listed, what
"checked" means, the US focus said plainly, and no maintainer detail."""

from __future__ import annotations

import copy
import dataclasses

import pytest

from paincompanion.interactions import load_dataset
from paincompanion.interactions.about import about_markdown, build_about, covered_classes, markdown_to_text

MAINTAINER_DETAIL = ("build_dataset", "verified: true", "verified", "clinical-reference", "this folder", ".json",
                     "SOURCES.md", "README")  # fmt: skip


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


def test_counts_come_from_the_dataset(ds):
    about = build_about(ds, built_on="2026-12-06")
    assert about.rules == len(ds.rules) and about.verified == sum(r.verified for r in ds.rules)
    assert about.waiting == len(about.pending) == sum(not r.verified for r in ds.rules)
    assert about.ingredients == len(ds.ingredients) and about.products == len(ds.products)
    assert about.sources == len(ds.sources) and 0 < about.us_sources < about.sources
    text = about_markdown(about)
    assert f"{about.verified} of {about.rules} rules" in text and f"{about.waiting} rules" in text
    assert "Version " + ds.version in text and "6 December 2026" in text


def test_a_changed_dataset_changes_the_page(ds):
    """Nothing is typed in: marking one more rule as unchecked changes the counts and the list."""
    target = next(r for r in ds.rules if r.verified and r.id == "kratom-opioid")
    changed = copy.copy(ds)
    changed.rules = tuple(dataclasses.replace(r, verified=False) if r is target else r for r in ds.rules)
    before, after = build_about(ds, built_on=None), build_about(changed, built_on=None)
    assert after.verified == before.verified - 1 and after.waiting == before.waiting + 1
    assert target.summary in about_markdown(after) and target.summary not in about_markdown(before)


def test_pending_rules_are_listed_in_plain_words_most_serious_first(ds):
    about = build_about(ds, built_on=None)
    text = about_markdown(about)
    for rule in about.pending:
        assert f"{rule.severity.label}: {rule.summary}" in text
    ranks = [r.severity.rank for r in about.pending]
    assert ranks == sorted(ranks, reverse=True)


def test_what_checked_means_coverage_and_no_promise(ds):
    text = " ".join(about_markdown(build_about(ds, built_on=None)).split())
    assert "does not mean that a pharmacist or doctor has signed off" in text
    assert "The data is US-focused." in text and "CDC 2022" in text and "kratom page follows US law" in text
    assert "MHRA (United Kingdom)" in text and "paracetamol" in text
    assert "No warning is not a promise" in text and "does not replace them" in text
    assert "Opioids (full agonists)" in covered_classes(ds) and "- Benzodiazepines" in text


def test_no_maintainer_detail_for_patients(ds):
    text = about_markdown(build_about(ds, built_on=None))
    body = text.replace("Checked against sources", "")
    for detail in MAINTAINER_DETAIL:
        assert detail not in body, detail


def test_markdown_to_text_drops_marks_but_keeps_words():
    text = markdown_to_text("# Title\n\n*Checked on\n1 May 2026.* **Bold** text\n\n- **Key**: item *x*")
    assert text.splitlines()[:2] == ["Title", "====="]
    assert "*" not in text.replace("- ", "") and "Checked on\n1 May 2026. Bold text" in text and "- Key: item x" in text


def test_about_lists_the_groups_no_rule_covers_as_a_whole(ds):
    from paincompanion.interactions.about import uncovered_classes
    from paincompanion.interactions.coverage import coverage

    found = coverage(ds)
    expected = {e.name for e in (*found.partial, *found.not_covered)}
    assert set(uncovered_classes(ds)) == expected
    text = about_markdown(build_about(ds))
    for name in list(expected)[:3]:
        assert f"- {name}" in text
