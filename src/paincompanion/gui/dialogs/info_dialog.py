"""Read-only pages about the interaction data: "Kratom: what to know" and "About this data" (markdown, no links
followed: the app never uses the network)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from .sizing import cap_to_screen

KRATOM_TITLE = "Kratom: what to know"
ABOUT_TITLE = "About the interaction data"


class InfoDialog(QDialog):
    """A markdown page in a read-only QTextBrowser with a Close button."""

    def __init__(self, title: str, markdown: str, parent: QWidget | None = None, *, name: str = "infoDialog") -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        self.browser = QTextBrowser(self)
        self.browser.setObjectName(f"{name}Text")
        self.browser.setAccessibleName(title)
        self.browser.setOpenLinks(False)
        self.browser.setOpenExternalLinks(False)
        self.browser.setReadOnly(True)
        self.browser.setTabChangesFocus(True)
        self.browser.setMarkdown(markdown)
        layout.addWidget(self.browser, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        metrics = self.fontMetrics()
        self.resize(metrics.averageCharWidth() * 110, metrics.height() * 44)
        cap_to_screen(self)  # the text scrolls in its browser; the Close button always shows
        self.browser.setFocus()


def kratom_markdown() -> str:
    from ...interactions.dataset import load_dataset

    return load_dataset().kratom_markdown


def about_markdown() -> str:
    """The patient page about the bundled dataset: counts computed from it, coverage, what "checked" means."""
    from ...interactions.about import about_markdown as render
    from ...interactions.about import build_about
    from ...interactions.dataset import load_dataset

    return render(build_about(load_dataset()))


def show_kratom_page(parent: QWidget) -> InfoDialog | None:
    """Open "Kratom: what to know" over `parent` (any page can offer it); None when the data cannot be read."""
    from ...errors import PainCompanionError

    try:
        text = kratom_markdown()
    except PainCompanionError:
        return None
    dialog = InfoDialog(KRATOM_TITLE, text, parent, name="kratomDialog")
    dialog.open()
    return dialog
