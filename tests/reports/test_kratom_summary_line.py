"""The summary's kratom line: kratom or 7-OH on the list gives a line pointing to "Kratom: what to know"."""

from __future__ import annotations

from datetime import timedelta

from paincompanion.domain.medications import MedicationDraft
from paincompanion.gui.widgets.pdf_preview import page_texts
from paincompanion.reports.summary import ReportRequest


def _request(companion) -> ReportRequest:
    today = companion.clock.now().date()
    return ReportRequest(today - timedelta(days=30), today, ("medicines",))


def _text(data: bytes) -> str:
    return " ".join(" ".join(page_texts(data)).split())


def test_kratom_and_7oh_items_point_to_the_kratom_page(companion):
    for name in ("ibuprofen", "kratom red vein", "7-OH tablets"):
        companion.meds.add(MedicationDraft(name))
    summary = companion.reports.build(_request(companion))
    assert sorted(summary.medicines.kratom_items) == ["7-OH tablets", "kratom red vein"]
    text = _text(companion.reports.render(_request(companion)))
    assert '"Kratom: what to know"' in text and ", ".join(summary.medicines.kratom_items) in text


def test_no_kratom_no_line(companion):
    companion.meds.add(MedicationDraft("ibuprofen"))
    assert companion.reports.build(_request(companion)).medicines.kratom_items == ()
    assert "Kratom: what to know" not in _text(companion.reports.render(_request(companion)))
