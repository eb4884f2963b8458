"""MedicationDialog: add or edit a medicine or supplement, with name completion and a live "recognised as" line.

The caller saves `draft()` through an undo op (AddMedicationOp / EditMedicationOp).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QEvent, QObject, QStringListModel, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ...errors import PainCompanionError
from ..context import GuiContext
from ..widgets.date_fields import TabLeavingDateEdit
from ..widgets.message_label import MessageLabel
from ..widgets.warnings_panel import NOT_RECOGNISED

if TYPE_CHECKING:
    from ...domain.medications import Medication, MedicationDraft
    from ...interactions.normalize import Resolution

KINDS = (("", "Work it out from the name"), ("drug", "Medicine"), ("supplement", "Supplement"), ("herbal", "Herbal"))
UNITS = ("mg", "mcg", "g", "ml", "IU", "%", "drops", "puffs")
FORMS = ("tablet", "capsule", "liquid", "patch", "powder", "tea", "cream or gel", "injection", "spray", "drops")
#: Kinds of lexicon ingredient for which the product and strain fields are shown.
PRODUCT_KINDS = frozenset({"supplement", "herbal"})


def ingredient_names(ingredients: tuple[str, ...]) -> list[str]:
    from ...interactions.dataset import load_dataset

    dataset = load_dataset()
    return [dataset.ingredient_name(i) for i in ingredients]


def ingredient_kinds(ingredients: tuple[str, ...]) -> set[str]:
    from ...interactions.dataset import load_dataset

    dataset = load_dataset()
    return {dataset.ingredients[i].kind for i in ingredients if i in dataset.ingredients}


def recognition_text(resolution: Resolution) -> str:
    """ "Recognised as: oxycodone + acetaminophen (Percocet)" or "Not recognised — no interaction information…"."""
    if resolution.recognized and resolution.ingredients:
        names = " + ".join(ingredient_names(resolution.ingredients))
        product = resolution.product
        return f"Recognised as: {names}" + (f" ({product})" if product else "")
    suggestions = list(resolution.suggestions)[:3]
    text = NOT_RECOGNISED[0].upper() + NOT_RECOGNISED[1:] + "."
    if suggestions:
        text += " Did you mean " + " or ".join(f"“{s}”" for s in suggestions) + "?"
    return text + " You can still save it."


class OptionalDate(QWidget):
    """A check box ("known") and a date; unchecked means no date."""

    def __init__(self, what: str, object_name: str, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.check = QCheckBox("Known", self)
        self.check.setObjectName(f"{object_name}Known")
        self.check.setAccessibleName(f"{what} known")
        self.edit = TabLeavingDateEdit(QDate(today.year, today.month, today.day), self)
        self.edit.setObjectName(object_name)
        self.edit.setAccessibleName(what)
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("d MMM yyyy")
        self.edit.setEnabled(False)
        self.check.toggled.connect(self.edit.setEnabled)
        row.addWidget(self.check)
        row.addWidget(self.edit)
        row.addStretch(1)
        self.setFocusProxy(self.check)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def value(self) -> date | None:
        if not self.check.isChecked():
            return None
        d = self.edit.date()
        return date(d.year(), d.month(), d.day())

    def set_value(self, value: date | None) -> None:
        self.check.setChecked(value is not None)
        if value is not None:
            self.edit.setDate(QDate(value.year, value.month, value.day))


class MedicationDialog(QDialog):
    """All fields of a medicine; Save checks them and keeps the dialog open with a plain message if something is off."""

    def __init__(
        self,
        ctx: GuiContext,
        medication: Medication | None = None,
        parent: QWidget | None = None,
        *,
        name: str = "",
    ) -> None:
        super().__init__(parent)
        self.setObjectName("medicationDialog")
        self.ctx = ctx
        self.medication = medication
        self._draft: MedicationDraft | None = None
        self._resolution: Resolution | None = None
        self.setWindowTitle("Edit medicine" if medication else "Add a medicine or supplement")
        self._build(ctx.companion.clock.now().date())
        if medication is not None:
            self.set_draft(medication)
        else:
            self.name_edit.setText(name)
        self._on_name_changed(self.name_edit.text())
        self._update_kind_fields()
        self.name_edit.setFocus()

    # --- building ---------------------------------------------------------------------------------

    def _build(self, today: date) -> None:
        layout = QVBoxLayout(self)
        heading = QLabel(
            "Type the name as it is on the pack or label. Only the name is needed; the rest helps you and your "
            "doctor or pharmacist.",
            self,
        )
        heading.setWordWrap(True)
        layout.addWidget(heading)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form = form

        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName("medNameEdit")
        self.name_edit.setPlaceholderText("e.g. Percocet 5/325, ibuprofen, kratom")
        self.completer = QCompleter(self)
        self.completer.setModel(QStringListModel(self._completions(), self.completer))
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchStartsWith)
        self.completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.completer.setMaxVisibleItems(10)
        self.name_edit.setCompleter(self.completer)
        self.name_edit.textChanged.connect(self._on_name_changed)
        self.name_edit.installEventFilter(self)
        self.recognition = QLabel(self)
        self.recognition.setObjectName("medRecognition")
        self.recognition.setWordWrap(True)
        self.recognition.setTextFormat(Qt.TextFormat.PlainText)
        self.suggestion_button = QPushButton(self)
        self.suggestion_button.setObjectName("useSuggestion")
        self.suggestion_button.clicked.connect(self._use_suggestion)
        self.suggestion_button.setVisible(False)
        name_box = QVBoxLayout()
        name_box.addWidget(self.name_edit)
        recognition_row = QHBoxLayout()
        recognition_row.addWidget(self.recognition, 1)
        recognition_row.addWidget(self.suggestion_button, 0, Qt.AlignmentFlag.AlignTop)
        name_box.addLayout(recognition_row)
        name_label = QLabel("&Name:", self)
        name_label.setBuddy(self.name_edit)
        form.addRow(name_label, name_box)

        self.kind_combo = QComboBox(self)
        self.kind_combo.setObjectName("medKind")
        for value, text in KINDS:
            self.kind_combo.addItem(text, value)
        form.addRow(self._label("T&ype:", self.kind_combo), self.kind_combo)

        self.strength_spin = QDoubleSpinBox(self)
        self.strength_spin.setObjectName("medStrength")
        self.strength_spin.setAccessibleName("Strength per dose")
        self.strength_spin.setRange(0, 100_000)
        self.strength_spin.setDecimals(2)
        self.strength_spin.setSpecialValueText("not set")
        self.unit_combo = QComboBox(self)
        self.unit_combo.setObjectName("medUnit")
        self.unit_combo.setAccessibleName("Unit")
        self.unit_combo.setEditable(True)
        self.unit_combo.addItems(UNITS)
        self.form_combo = QComboBox(self)
        self.form_combo.setObjectName("medForm")
        self.form_combo.setEditable(True)
        self.form_combo.addItems(FORMS)
        self.form_combo.setCurrentIndex(-1)  # empty until chosen or typed
        self.form_combo.lineEdit().setPlaceholderText("e.g. tablet, capsule, powder")
        strength_row = QHBoxLayout()
        strength_row.addWidget(self.strength_spin, 1)
        strength_row.addWidget(self.unit_combo)
        strength_label = self._label("&Strength:", self.strength_spin)
        form.addRow(strength_label, strength_row)
        form.addRow(self._label("&Form:", self.form_combo), self.form_combo)

        self.times_spin = QDoubleSpinBox(self)
        self.times_spin.setObjectName("medTimesPerDay")
        self.times_spin.setAccessibleName("Times a day")
        self.times_spin.setRange(0, 24)
        self.times_spin.setDecimals(1)
        self.times_spin.setSingleStep(1)
        self.times_spin.setSpecialValueText("not set")
        self.times_spin.setSuffix(" × a day")
        self.as_needed = QCheckBox("&As needed", self)
        self.as_needed.setObjectName("medAsNeeded")
        schedule_row = QHBoxLayout()
        schedule_row.addWidget(self.times_spin, 1)
        schedule_row.addWidget(self.as_needed)
        form.addRow(self._label("&How often:", self.times_spin), schedule_row)

        self.start_date = OptionalDate("Start date", "medStart", today, self)
        self.stop_date = OptionalDate("Stop date", "medStop", today, self)
        form.addRow(self._label("Start&ed:", self.start_date.check), self.start_date)
        form.addRow(self._label("St&opped:", self.stop_date.check), self.stop_date)

        self.reason_edit = self._line("medReason", "e.g. back pain, sleep")
        form.addRow(self._label("&Reason:", self.reason_edit), self.reason_edit)
        self.prescriber_edit = self._line("medPrescriber", "a doctor, or a shop or website")
        form.addRow(self._label("&Prescriber or where bought:", self.prescriber_edit), self.prescriber_edit)
        self.product_edit = self._line("medProduct", "brand or product name on the pack")
        form.addRow(self._label("Pro&duct:", self.product_edit), self.product_edit)
        self.strain_edit = self._line("medStrain", "e.g. red vein, Maeng Da")
        form.addRow(self._label("Stra&in:", self.strain_edit), self.strain_edit)
        self.notes_edit = QPlainTextEdit(self)
        self.notes_edit.setObjectName("medNotes")
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setFixedHeight(self.fontMetrics().height() * 4)
        form.addRow(self._label("No&tes:", self.notes_edit), self.notes_edit)
        layout.addLayout(form)

        self.message = MessageLabel(self)
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.kind_combo.currentIndexChanged.connect(self._update_kind_fields)
        chars = self.fontMetrics().averageCharWidth()
        self.resize(max(chars * 100, self.sizeHint().width()), self.sizeHint().height())

    def _label(self, text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text, self)
        label.setBuddy(buddy)
        return label

    def _line(self, name: str, placeholder: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setObjectName(name)
        edit.setPlaceholderText(placeholder)
        return edit

    def _completions(self) -> list[str]:
        try:
            return list(self.ctx.companion.meds.name_completions())
        except PainCompanionError:
            return []

    # --- behaviour --------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Enter that picks a completion must not also save the dialog: the second Enter saves.
        if (
            watched is self.name_edit
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and self.completer.popup().isVisible()
        ):
            return True
        return super().eventFilter(watched, event)

    def _on_name_changed(self, text: str) -> None:
        self._resolution = None
        if not text.strip():
            self.recognition.setText("Start typing; names the dataset knows are offered as you type.")
            self.suggestion_button.setVisible(False)
            self._update_kind_fields()
            return
        try:
            self._resolution = self.ctx.companion.meds.resolve(text)
        except PainCompanionError as exc:
            self.recognition.setText(f"The name could not be checked: {exc}")
            self.suggestion_button.setVisible(False)
            return
        self.recognition.setText(recognition_text(self._resolution))
        self.recognition.setAccessibleName(self.recognition.text())
        suggestions = () if self._resolution.recognized else tuple(self._resolution.suggestions)
        if suggestions:
            self.suggestion_button.setText(f"&Use “{suggestions[0]}”")
            self.suggestion_button.setAccessibleName(f"Use the suggested name {suggestions[0]}")
        self.suggestion_button.setVisible(bool(suggestions))
        self._update_kind_fields()

    def _use_suggestion(self) -> None:
        if self._resolution is not None and self._resolution.suggestions:
            self.name_edit.setText(self._resolution.suggestions[0])
            self.name_edit.setFocus()

    def _update_kind_fields(self) -> None:
        """Product and strain are shown for supplements and herbal products (kratom, CBD…)."""
        kind = self.kind_combo.currentData()
        kinds = {kind} if kind else set()
        if self._resolution is not None and not kind:
            kinds = ingredient_kinds(self._resolution.ingredients)
        show = bool(kinds & PRODUCT_KINDS) or bool(self.product_edit.text() or self.strain_edit.text())
        self.form.setRowVisible(self.product_edit, show)
        self.form.setRowVisible(self.strain_edit, show)

    def set_draft(self, draft: MedicationDraft) -> None:
        self.name_edit.setText(draft.name)
        self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(draft.kind)))
        self.strength_spin.setValue(draft.strength or 0)
        self.unit_combo.setCurrentText(draft.unit or "mg")
        self.form_combo.setCurrentText(draft.form)
        self.times_spin.setValue(draft.times_per_day or 0)
        self.as_needed.setChecked(draft.as_needed)
        self.start_date.set_value(draft.start)
        self.stop_date.set_value(draft.stop)
        self.reason_edit.setText(draft.reason)
        self.prescriber_edit.setText(draft.prescriber)
        self.product_edit.setText(draft.product)
        self.strain_edit.setText(draft.strain)
        self.notes_edit.setPlainText(draft.notes)

    def form_draft(self) -> MedicationDraft:
        from ...domain.medications import MedicationDraft

        return MedicationDraft(
            name=self.name_edit.text().strip(),
            kind=self.kind_combo.currentData() or "",
            strength=self.strength_spin.value() or None,
            unit=self.unit_combo.currentText().strip() or "mg",
            form=self.form_combo.currentText().strip(),
            times_per_day=self.times_spin.value() or None,
            as_needed=self.as_needed.isChecked(),
            start=self.start_date.value(),
            stop=self.stop_date.value(),
            reason=self.reason_edit.text().strip(),
            prescriber=self.prescriber_edit.text().strip(),
            product=self.product_edit.text().strip(),
            strain=self.strain_edit.text().strip(),
            notes=self.notes_edit.toPlainText().strip(),
        )

    def accept(self) -> None:
        from ...domain.medications import validate_medication

        try:
            draft = validate_medication(self.form_draft(), self.ctx.companion.clock.now().date())
        except PainCompanionError as exc:
            self.message.show_error(str(exc))
            self.name_edit.setFocus()
            return
        self._draft = draft
        super().accept()

    def draft(self) -> MedicationDraft:
        """The medicine as filled in (valid once the dialog was Accepted)."""
        return self._draft if self._draft is not None else self.form_draft()
