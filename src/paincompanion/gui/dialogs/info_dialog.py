"""Read-only pages about the interaction data: "Kratom: what to know" and "About this data" (markdown, no links
followed: the app never uses the network)."""

from __future__ import annotations

import re
from importlib import resources

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from ...errors import PainCompanionError

#: README sections meant for people who maintain the dataset, not for patients.
_MAINTAINER_SECTIONS = ("Files", "Rebuilding", "Review before release")


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
        self.browser.setFocus()


def kratom_markdown() -> str:
    from ...interactions.dataset import load_dataset

    return load_dataset().kratom_markdown


def about_markdown() -> str:
    """Version and counts of the bundled dataset, then the patient-relevant parts of its README."""
    from ...interactions.dataset import load_dataset

    dataset = load_dataset()
    counts = dataset.counts()
    head = (
        f"# About the interaction data\n\n"
        f"**Version {dataset.version}**: {counts['rules']} rules between {counts['ingredients']} ingredients "
        f"and {counts['classes']} classes of medicines, {counts['products']} brand and combination products, "
        f"{counts['sources']} cited sources.\n\n"
        "Interaction databases do not always agree with each other. This data is a careful summary for "
        "conversations with your pharmacist or doctor; **it does not replace them**. When the dataset has no "
        "warning for two items, that only means it has no rule for them.\n\n"
    )
    return head + readme_summary()


def readme_summary() -> str:
    try:
        text = resources.files("paincompanion").joinpath("data", "interactions", "README.md").read_text("utf-8")
    except OSError as exc:
        raise PainCompanionError(f"The description of the data could not be read ({exc}).") from exc
    kept: list[str] = []
    skipping = False
    for block in re.split(r"(?m)^(?=#{1,3} )", text):
        heading = block.splitlines()[0].lstrip("#").strip() if block.startswith("#") else ""
        if block.startswith("# "):  # the README's own title (ours is above) and its pointer to the manifest
            block = "\n\n".join(
                para
                for para in block.split("\n\n")[1:]
                if not para.startswith(("Version and checksums", "Current version"))
            )
        if heading:
            skipping = any(heading.startswith(s) for s in _MAINTAINER_SECTIONS)
        if not skipping:
            kept.append(block.strip())
    return "\n\n".join(block for block in kept if block) + "\n"
