"""The medicines table model: Qt model rules, texts, severity marks (symbol + word + colour), stopped items."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from paincompanion.domain.interactions import Severity
from paincompanion.domain.medications import MedicationDraft
from paincompanion.gui.models.meds_list import MED_ID_ROLE, SEVERITY_ROLE, Column, MedsListModel
from paincompanion.gui.pages.meds_page import highest_marks
from paincompanion.gui.widgets.warnings_panel import NOT_RECOGNISED, SYMBOLS

DISPLAY = Qt.ItemDataRole.DisplayRole


@pytest.fixture
def meds(companion):
    service = companion.meds
    service.add(MedicationDraft("Percocet 5/325", times_per_day=3, form="tablet", start=date(2025, 8, 22)))
    service.add(MedicationDraft("alprazolam", strength=0.5, times_per_day=1))
    service.add(MedicationDraft("kratom red vein", as_needed=True, product="Golden Leaf", strain="Red Bali"))
    service.add(MedicationDraft("Zyntrafol", times_per_day=1))
    service.add(MedicationDraft("ibuprofen", strength=400, as_needed=True, stop=date(2026, 2, 8)))
    return service


@pytest.fixture
def filled(qapp, meds):
    model = MedsListModel()
    items = meds.list_medications()
    model.set_rows(items, highest_marks(items, meds.check().warnings))
    return model


def row_texts(model: MedsListModel, name: str) -> dict[Column, str]:
    row = next(r for r in range(model.rowCount()) if model.medication(r).name == name)
    return {c: model.data(model.index(row, c), DISPLAY) for c in Column}


def test_empty_model_passes_the_qt_model_tester(qtmodeltester, qapp):
    model = MedsListModel()
    qtmodeltester.check(model)
    assert model.rowCount() == 0


def test_filled_model_passes_the_qt_model_tester(qtmodeltester, filled):
    qtmodeltester.check(filled)
    assert filled.rowCount() == 5
    filled.set_marks({})  # only the marks change
    qtmodeltester.check(filled)


def test_recognised_items_show_their_ingredients_and_schedule(filled):
    percocet = row_texts(filled, "Percocet 5/325")
    assert percocet[Column.RECOGNISED].lower() == "oxycodone + acetaminophen"
    assert percocet[Column.DOSE] == "tablet, 3× a day"
    assert percocet[Column.DATES] == "since 22 Aug 2025"
    kratom = row_texts(filled, "kratom red vein")
    assert kratom[Column.NAME] == "kratom red vein (Red Bali, Golden Leaf)"


def test_severity_mark_has_a_symbol_a_word_and_a_colour(filled):
    row = next(r for r in range(filled.rowCount()) if filled.medication(r).name == "alprazolam")
    index = filled.index(row, Column.WARNING)
    assert filled.data(index, DISPLAY) == f"{SYMBOLS[Severity.MAJOR]} Major"
    assert filled.data(index, SEVERITY_ROLE) is Severity.MAJOR
    assert isinstance(filled.data(index, Qt.ItemDataRole.ForegroundRole), QColor)
    assert filled.data(index, Qt.ItemDataRole.FontRole).bold()
    assert "warning: Major" in filled.data(index, Qt.ItemDataRole.ToolTipRole)


def test_unknown_name_is_marked_not_recognised_never_as_without_warnings(filled):
    texts = row_texts(filled, "Zyntrafol")
    assert texts[Column.RECOGNISED] == NOT_RECOGNISED
    assert "not recognised" in texts[Column.WARNING]
    assert "none" not in texts[Column.WARNING]


def test_stopped_item_stays_listed_last_and_is_marked_stopped(filled):
    last = filled.medication(filled.rowCount() - 1)
    assert last.name == "ibuprofen"
    texts = row_texts(filled, "ibuprofen")
    assert texts[Column.DATES] == "stopped 8 Feb 2026"
    assert texts[Column.WARNING] == "not checked"
    index = filled.index(filled.rowCount() - 1, Column.NAME)
    assert filled.data(index, Qt.ItemDataRole.FontRole).italic()
    assert "stopped 8 Feb 2026" in filled.data(index, Qt.ItemDataRole.ToolTipRole)


def test_highest_mark_is_the_most_serious_warning_naming_the_item(meds):
    items = meds.list_medications()
    marks = highest_marks(items, meds.check().warnings)
    by_name = {m.name: marks.get(m.id) for m in items}
    assert by_name["alprazolam"] is Severity.MAJOR
    assert by_name["Percocet 5/325"] is Severity.MAJOR
    assert by_name["Zyntrafol"] is None
    assert by_name["ibuprofen"] is None  # stopped: not part of the check
    assert marks == {k: v for k, v in meds.warning_marks().items()}  # agrees with the service


def test_id_role_and_row_lookup(filled):
    med = filled.medication(1)
    assert filled.data(filled.index(1, 0), MED_ID_ROLE) == med.id
    assert filled.row_of(med.id) == 1
    assert filled.row_of(-5) == -1
    assert filled.medication(99) is None
