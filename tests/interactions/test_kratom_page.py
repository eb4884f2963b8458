"""The kratom page: every claim paragraph names its sources (and every cited source is listed), every legal line
says when it was checked, no forbidden or marketing words, and the facts issue 19 asked for are there."""

from __future__ import annotations

import re
from datetime import date, datetime

import pytest

from paincompanion.interactions import load_dataset
from paincompanion.interactions.validate import FORBIDDEN

#: Sections that give advice about the app or the conversation, not facts that need a source.
ADVICE_SECTIONS = {"Talking to your clinician"}
#: Single lines that are about this page or the app itself.
NOT_CLAIMS = ("The law changes:", "The Pain Companion interaction check")
MARKETING_OR_SCARE = re.compile(
    r"\b(miracle|cures?|harmless|guaranteed|wonder|all[- ]natural|no side effects|deadly|killer)\b", re.I
)
CITE = re.compile(r"\[Sources: ([^\]]+)\]")
CHECKED = re.compile(r"checked on (\d{1,2} [A-Z][a-z]+ \d{4})")


@pytest.fixture(scope="module")
def page() -> str:
    return load_dataset().kratom_markdown


def sections(page: str) -> dict[str, str]:
    parts = re.split(r"(?m)^## (.+)$", page)
    return {title.strip(): body for title, body in zip(parts[1::2], parts[2::2], strict=True)}


def blocks(body: str) -> list[str]:
    """Paragraphs and list items, each as one line of text."""
    found: list[str] = []
    for paragraph in re.split(r"\n\s*\n", body.strip()):
        items = re.split(r"(?m)^- ", paragraph) if paragraph.startswith("- ") else [paragraph]
        found += [" ".join(item.split()) for item in items if item.strip()]
    return found


def source_keys(page: str) -> set[str]:
    return set(re.findall(r"(?m)^- \*\*(.+?)\*\*:", sections(page)["Sources"]))


def test_every_claim_paragraph_names_sources_that_are_listed(page):
    listed = source_keys(page)
    assert len(listed) >= 30
    cited: set[str] = set()
    for title, body in sections(page).items():
        if title == "Sources" or title in ADVICE_SECTIONS:
            continue
        for block in blocks(body):
            if block.startswith(NOT_CLAIMS):
                continue
            match = CITE.search(block)
            assert match, f"no source in {title!r}: {block[:80]}"
            keys = {key.strip() for key in match.group(1).split(";")}
            assert keys <= listed, f"not in the Sources list: {keys - listed}"
            cited |= keys
    assert not (listed - cited), f"listed but never cited: {listed - cited}"


def test_every_source_entry_has_a_reference(page):
    for line in sections(page)["Sources"].strip().splitlines():
        reference = line.split("**:", 1)[1]
        assert re.search(r"https?://|doi:|PMID|Act|Code|Laws|sources", reference), line


def test_every_legal_line_says_when_it_was_checked(page):
    legal = blocks(sections(page)["Legal status"])
    lines = [b for b in legal if not b.startswith(NOT_CLAIMS)]
    assert len(lines) >= 6
    top = CHECKED.search(page.replace("Text checked", "checked"))
    assert top
    for line in lines:
        match = CHECKED.search(line)
        assert match, line[:80]
        checked = datetime.strptime(match.group(1), "%d %B %Y").date()
        assert date(2026, 1, 1) <= checked <= date.today()
        assert match.group(1) == top.group(1)  # the page and its legal lines were checked together
    assert any(b.startswith("The law changes: check your state or country") for b in legal)


def test_no_forbidden_marketing_or_scare_words(page):
    text = page.split("## Sources")[0]
    for pattern in (*FORBIDDEN, MARKETING_OR_SCARE):
        assert not pattern.search(text), pattern.pattern


def test_the_facts_issue_19_asked_for(page):
    text = " ".join(page.split("## Sources")[0].split())
    for needed in (
        "1-800-222-1222", "naloxone", "Call 911",
        "Louisiana", "1 August 2025", "Act 41", "Rhode Island Kratom Act", "1 April 2026", "21 and over",
        "District of Columbia", "29 July 2025", "1 July 2026",
        "Standard drug screens do not detect kratom", "pain agreement", "Buprenorphine",
        "breastfeeding", "lead and nickel", "kratom as the only substance", "nausea", "Constipation", "drive",
        "dextromethorphan levels did not change", "in people who did not",
    ):  # fmt: skip
        assert needed in text, needed
    assert "every person" not in text  # the old liver sentence (all cases drank alcohol) is gone
    assert "2% of 2,798" in text and "15.5% of 129" in text  # like with like: moderate or severe, past year
    assert "filtermag" not in page and "jdsupra" not in page  # legal facts cite regulators, not blogs


def test_the_7oh_metabolism_claim_cites_what_shows_it(page):
    body = sections(page)["How it acts in the body"]
    block = next(b for b in blocks(body) if "turns part of the mitragynine into 7-OH" in b)
    assert "In mice" in block and "Kruegel 2019" in block and "Hill 2022" in block
