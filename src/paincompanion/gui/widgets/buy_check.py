""" "Check before I buy": a product name checked against the saved list; shows only the warnings it would add.

Nothing is saved. "Add it to my list…" hands the name to the page's add dialog.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtWidgets import QCompleter, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from ...domain.interactions import InteractionWarning
from ...errors import PainCompanionError
from ...interactions.checker import no_rules_message
from .product_choice import ProductChoice
from .warnings_panel import WarningsPanel

if TYPE_CHECKING:
    from ...interactions.checker import CheckResult
    from ...interactions.normalize import Resolution


def warning_key(warning: InteractionWarning) -> tuple[object, ...]:
    return (warning.rule_id, warning.summary, warning.items, warning.ingredients)


def added_warnings(
    base: Sequence[InteractionWarning], with_extra: Sequence[InteractionWarning]
) -> list[InteractionWarning]:
    """Warnings of `with_extra` that the base list did not already have (new, or now involving more items)."""
    known = {warning_key(w) for w in base}
    return [w for w in with_extra if warning_key(w) not in known]


class BuyCheckBox(QGroupBox):
    """A product field, Check, the warnings it would add, and "Add it to my list…"."""

    #: The checked name, when the user asks to add it.
    add_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Check before I buy", parent)
        self.setObjectName("buyBox")
        self.checked_name = ""
        self.result: CheckResult | None = None
        self.hint = QLabel(
            "Type a product you are thinking of buying. It is checked against your list; nothing is saved.", self
        )
        self.hint.setWordWrap(True)
        self.label = QLabel("&Product:", self)
        self.edit = QLineEdit(self)
        self.edit.setObjectName("buyEdit")
        self.edit.setPlaceholderText("e.g. Advil PM, St John's wort")
        self.label.setBuddy(self.edit)
        self.check_button = QPushButton("Chec&k", self)
        self.check_button.setObjectName("buyCheck")
        self.check_button.setAccessibleName("Check the product against my list")
        self.add_button = QPushButton("Add it to my list…", self)
        self.add_button.setObjectName("buyAdd")
        self.add_button.setVisible(False)
        self.choice = ProductChoice(self, object_name="buyProductChoice")
        self.choice.chosen.connect(self._choose)
        self._last: (
            tuple[Callable[..., CheckResult], CheckResult | None, Callable[..., Any], Callable[..., Any] | None] | None
        ) = None
        self.picked = ""
        self.panel = WarningsPanel("", self, scroll=False)  # the page scrolls
        self.panel.setObjectName("buyWarnings")
        self.panel.expand_button.setObjectName("expandAllBuyWarnings")
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        row = QHBoxLayout()
        row.addWidget(self.label)
        row.addWidget(self.edit, 1)
        row.addWidget(self.check_button)
        layout.addLayout(row)
        layout.addWidget(self.choice)
        layout.addWidget(self.panel, 1)
        layout.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.add_button.clicked.connect(lambda: self.add_requested.emit(self.checked_name))

    def set_completions(self, names: Sequence[str]) -> None:
        completer = QCompleter(self.edit)
        completer.setModel(QStringListModel(list(names), completer))
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.edit.setCompleter(completer)

    def run(
        self,
        check: Callable[..., CheckResult],
        base: CheckResult | None,
        names_of: Callable[[tuple[str, ...]], list[str]],
        name: str | None = None,
        *,
        resolve: Callable[[str], Resolution] | None = None,
    ) -> None:
        """Check `name` (default: the field) with `check(extra=[name])`; `base` is the saved list's result."""
        from ...interactions.normalize import CheckItem

        name = " ".join((self.edit.text() if name is None else name).split())
        if not name:
            self.panel.show_message("Type the name of a product first.")
            self.choice.set_candidates(())
            self.edit.setFocus()
            return
        if name != self.checked_name:
            self.picked = ""
        self._last = (check, base, names_of, resolve)
        try:
            base = base if base is not None else check()
            result = check(extra=[CheckItem(name, choice=self.picked)])
        except PainCompanionError as exc:
            self.panel.show_message(f"The check could not run: {exc}")
            self.choice.set_candidates(())
            return
        self.checked_name = name
        self.result = result
        added = added_warnings(base.warnings, result.warnings)
        resolution = result.items[-1] if result.items else None
        named = resolve(name) if resolve is not None else resolution  # the candidates stay after a pick
        self.choice.set_candidates(named.candidates if named is not None else (), self.picked)
        if resolution is not None and resolution.candidates:
            intro = f"“{name}” could be several products; it is checked only for what they all contain. "
            none_text = intro + "Pick the one on your pack above to check it fully."
            unrecognised: list[str] = []
        elif resolution is not None and resolution.recognized:
            what = " + ".join(names_of(resolution.ingredients))
            what = f"{resolution.product}: {what}" if self.picked and resolution.product else what
            intro = f"“{name}” is recognised as {what}. "
            uncovered = dict(result.no_rules).get(name)
            if uncovered:
                note = no_rules_message(uncovered)
                none_text = f"{intro}There are {note}, so it could not be checked with your list."
            else:
                none_text = f"{intro}The dataset has no warning for it with your current list."
            unrecognised = []
        else:
            intro = none_text = ""
            unrecognised = [name]
        self.panel.show_warnings(
            added,
            version=None,  # the warnings panel above names the dataset and its version
            unrecognised=unrecognised,
            suggestions={name: tuple(c.label for c in resolution.suggested)} if resolution else None,
            none_text=none_text,
            intro=intro + "It would add ",
        )
        self.add_button.setText(f"Add “{name}” to my list…")
        self.add_button.setAccessibleName(f"Add {name} to my list")
        self.add_button.setVisible(True)

    def _choose(self, product: str) -> None:
        """The patient picked one of the candidates: check the name as that product."""
        if self._last is None:
            return
        self.picked = product
        check, base, names_of, resolve = self._last
        self.run(check, base, names_of, self.checked_name, resolve=resolve)
