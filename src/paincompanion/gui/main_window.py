"""The main window: a page list on the left, the pages, menus, the status bar. Pages other than Today load lazily."""

from __future__ import annotations

import importlib
import logging
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSize, Qt, QTimer, QUrl
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from .. import APP_NAME, __version__, logsetup
from ..domain.changes import Changes
from ..errors import PainCompanionError
from ..logsetup import log_caught
from ..paths import make_private_dir
from .context import GuiContext
from .settings import UiSettings

_log = logging.getLogger(__name__)
AUTO_BACKUP_MS = 10 * 60 * 1000
#: Room left for the window manager's title bar and borders (not known before the window is shown).
WINDOW_FRAME_ALLOWANCE = QSize(16, 40)
PRIVACY_PROMISE = "Your data stays on this computer. Pain Companion never uses the network."


@dataclass(frozen=True)
class PageSpec:
    key: str
    title: str
    module: str  # imported on first show: keeps start-up fast
    cls: str


PAGES = (
    PageSpec("today", "Today", "paincompanion.gui.pages.today_page", "TodayPage"),
    PageSpec("diary", "Diary", "paincompanion.gui.pages.diary_page", "DiaryPage"),
    PageSpec("meds", "Medicines", "paincompanion.gui.pages.meds_page", "MedicinesPage"),
    PageSpec("routines", "Routines", "paincompanion.gui.pages.routines_page", "RoutinesPage"),
    PageSpec("insights", "Insights", "paincompanion.gui.pages.insights_page", "InsightsPage"),
    PageSpec("summary", "Summary", "paincompanion.gui.pages.summary_page", "SummaryPage"),
)


class MainWindow(QMainWindow):
    def __init__(
        self,
        ctx: GuiContext,
        settings: UiSettings | None = None,
        parent: QWidget | None = None,
        *,
        load_today: bool = True,
    ) -> None:
        """`load_today=False` builds only the shell (start-up: the diary is opened after the first paint)."""
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setWindowTitle(APP_NAME)  # never diary text in the title
        self.ctx = ctx
        self.settings = settings
        self.pages: dict[str, QWidget] = {}
        #: False for scripted runs (--quit-after-startup): problems on closing go to stderr, not a modal box.
        self.interactive = True
        #: Set by the tray (gui/tray.py): called on closing; True keeps the app running in the tray.
        self.hide_to_tray: Callable[[], bool] | None = None
        self._build_central(load_today)
        self._build_menus()
        self.saved_label = QLabel(self)
        self.saved_label.setObjectName("savedLabel")
        self.statusBar().addPermanentWidget(self.saved_label)
        ctx.bus.operation_did_execute.connect(self._on_changes)
        self.backup_timer = QTimer(self)
        self.backup_timer.setInterval(AUTO_BACKUP_MS)
        self.backup_timer.timeout.connect(self.auto_backup)
        self.backup_timer.start()
        self._restore_geometry()
        if load_today:
            self.show_page("today")

    # --- layout ---------------------------------------------------------------------------------

    def _build_central(self, load_today: bool) -> None:
        central = QWidget(self)
        row = QHBoxLayout(central)
        row.setContentsMargins(6, 6, 6, 6)
        self.nav = QListWidget(central)
        self.nav.setObjectName("pageList")
        self.nav.setAccessibleName("Pages")
        self.nav.setTabKeyNavigation(False)
        self.nav.setStyleSheet("QListWidget#pageList::item { padding-left: 0.6em; }")  # spacing only, no colours
        metrics = self.nav.fontMetrics()
        item_height = metrics.height() * 2 + 12  # large targets
        font = self.nav.font()
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.nav.setFont(font)
        for number, spec in enumerate(PAGES, start=1):
            item = QListWidgetItem(spec.title, self.nav)
            item.setSizeHint(QSize(0, item_height))
            item.setToolTip(f"Ctrl+{number}")
        self.nav.setFixedWidth(max(metrics.horizontalAdvance(s.title) for s in PAGES) + metrics.height() * 5)
        self.nav.currentRowChanged.connect(lambda row: self.show_page(PAGES[row].key) if row >= 0 else None)
        row.addWidget(self.nav)
        self.stack = QStackedWidget(central)
        self.stack.setObjectName("pageStack")
        for spec in PAGES:
            if spec.key == "today" and load_today:
                page: QWidget = self._make_today()
            else:
                page = QWidget(self.stack)  # placeholder until first shown
                page.setObjectName(f"{spec.key}Placeholder")
            self.stack.addWidget(page)
            self.pages[spec.key] = page
        self._loaded = {"today"} if load_today else set()
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        self.import_action = file_menu.addAction("&Import…", self.import_data)
        self.backup_action = file_menu.addAction("&Back up now", self.backup_now)
        self.check_action = file_menu.addAction("&Check data…", self.check_data)
        file_menu.addSeparator()
        self.quit_action = file_menu.addAction("&Quit", self.quit_app)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)

        edit_menu = bar.addMenu("&Edit")
        self.undo_action = self.ctx.undo_stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.ctx.undo_stack.createRedoAction(self, "&Redo")
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        self.settings_action = edit_menu.addAction("&Settings…", self.open_settings)
        self.settings_action.setShortcut(QKeySequence("Ctrl+,"))
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)

        view_menu = bar.addMenu("&View")
        self.page_actions: dict[str, QAction] = {}
        for number, spec in enumerate(PAGES, start=1):
            action = view_menu.addAction(f"&{number} {spec.title}")
            action.setShortcut(QKeySequence(f"Ctrl+{number}"))
            action.triggered.connect(lambda _=False, key=spec.key: self.show_page(key))
            self.page_actions[spec.key] = action

        help_menu = bar.addMenu("&Help")
        self.log_folder_action = help_menu.addAction("Show &log folder", self.show_log_folder)
        self.log_folder_action.setToolTip("Open the folder of the app's log (what went wrong, never your entries)")
        self.about_action = help_menu.addAction(f"&About {APP_NAME}", self.about)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)

    # --- pages ----------------------------------------------------------------------------------

    def current_page_key(self) -> str:
        return PAGES[self.stack.currentIndex()].key

    def page(self, key: str) -> QWidget:
        """The page widget, built on first use."""
        if key not in self._loaded:
            self._load(key)
        return self.pages[key]

    def _make_today(self) -> QWidget:
        from .pages.today_page import TodayPage  # imported late: the shell paints before it loads

        page = TodayPage(self.ctx, self.stack)
        page.status_message.connect(self.show_status)
        self._apply_ui_settings(page)
        self.today_page = page
        return page

    def _load(self, key: str) -> None:
        index = next(i for i, s in enumerate(PAGES) if s.key == key)
        spec = PAGES[index]
        if key == "today":  # only when the shell was built without it (start-up)
            self._replace_placeholder(index, key, self._make_today())
            return
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            cls = getattr(importlib.import_module(spec.module), spec.cls)
            page = cls(self.ctx, self.stack)
        except Exception as exc:  # a broken page must not take the diary down with it
            log_caught(_log, f"The page {spec.key!r} could not be built", exc)
            page = self._broken_page(spec, exc)
        finally:
            QApplication.restoreOverrideCursor()
        status = getattr(page, "status_message", None)
        if status is not None:
            status.connect(self.show_status)
        self._replace_placeholder(index, key, page)

    def _replace_placeholder(self, index: int, key: str, page: QWidget) -> None:
        self._apply_ui_settings(page)
        old = self.pages[key]
        self.stack.insertWidget(index, page)
        self.stack.removeWidget(old)
        old.deleteLater()
        self.pages[key] = page
        self._loaded.add(key)

    def _apply_ui_settings(self, page: QWidget) -> None:
        """Give the page's tables the patient's remembered column choices."""
        from .views.table_columns import ColumnChooser

        for chooser in page.findChildren(ColumnChooser):
            chooser.use_settings(self.settings)

    def _broken_page(self, spec: PageSpec, exc: Exception) -> QWidget:
        page = QWidget(self.stack)
        layout = QVBoxLayout(page)
        label = QLabel(f"The {spec.title} page could not be opened ({exc}). Your diary is not affected.", page)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(label)
        layout.addStretch(1)
        return page

    def show_page(self, key: str) -> None:
        if self.ctx.companion is None:  # start-up: the diary opens right after the first paint
            return
        index = next(i for i, s in enumerate(PAGES) if s.key == key)
        page = self.page(key)
        self.stack.setCurrentWidget(page)
        if self.nav.currentRow() != index:
            self.nav.blockSignals(True)
            self.nav.setCurrentRow(index)
            self.nav.blockSignals(False)
        self._focus_page(page)

    def _focus_page(self, page: QWidget) -> None:
        focus_first = getattr(page, "focus_first", None)
        if callable(focus_first):
            focus_first()
            return
        if page.focusProxy() is not None:
            page.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        widget = page.nextInFocusChain()
        while widget is not None and widget is not page:
            if (
                page.isAncestorOf(widget)
                and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
                and widget.isEnabled()
                and (widget.isVisibleTo(page))
            ):
                widget.setFocus(Qt.FocusReason.OtherFocusReason)
                return
            widget = widget.nextInFocusChain()

    # --- status, backups ------------------------------------------------------------------------

    def show_status(self, text: str, timeout_ms: int = 6000) -> None:
        self.statusBar().showMessage(text, timeout_ms)

    def _on_changes(self, changes: Changes) -> None:
        if changes.entries or changes.peg or changes.settings or changes.medications:
            now = self.ctx.companion.clock.now()
            self.saved_label.setText(f"Saved {now:%H:%M}")
            self.saved_label.setAccessibleName(f"All changes saved at {now:%H:%M}")

    def auto_backup(self) -> None:
        """The timed backup; a failure is shown in the status bar and never raised."""
        try:
            info = self.ctx.companion.backups.maybe_backup()
        except Exception as exc:  # any failure must be shown, never crash the window
            log_caught(_log, "The automatic backup failed", exc)
            self.show_status(f"The automatic backup failed: {exc}", 0)
            return
        if info is not None:
            self.show_status(f"Backup made: {info.path.name}")

    def backup_now(self) -> None:
        try:
            info = self.ctx.companion.backups.create(reason="manual")
        except Exception as exc:
            log_caught(_log, "Backing up on request failed", exc)
            QMessageBox.warning(self, "Backup failed", f"The backup could not be made: {exc}")
            return
        self.show_status(f"Backup saved: {info.path}", 10000)

    def import_data(self) -> None:
        from .dialogs.import_dialog import ImportDialog  # loaded when first used

        ImportDialog(self.ctx, self).exec()

    def open_settings(self, section: str | None = None) -> None:
        from .dialogs.settings_dialog import SettingsDialog  # loaded when first used

        SettingsDialog(self.ctx, self, section=section).exec()

    def check_data(self) -> None:
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            report = self.ctx.companion.backups.check()
        except PainCompanionError as exc:
            report = None
            error = str(exc)
        finally:
            QApplication.restoreOverrideCursor()
        if report is None:
            QMessageBox.warning(self, "Check data", f"The check could not run: {error}")
        elif report.ok:
            QMessageBox.information(self, "Check data", "Your data file is healthy: no problems found.")
        else:
            problems = "\n".join(report.lines()[:20])
            folder = self.ctx.companion.backups.directory
            text = f"The check found problems:\n\n{problems}\n\nYour backups are in {folder}."
            QMessageBox.warning(self, "Check data", text)

    def log_folder(self) -> Path:
        """The folder the app's log is written to (the diary's log folder when logging was not set up)."""
        return logsetup.log_folder() or self.ctx.companion.paths.logs

    def show_log_folder(self) -> None:
        """Help ▸ Show log folder: open it in the file manager (made first, so there is always something to show)."""
        folder = self.log_folder()
        try:
            make_private_dir(folder)
        except OSError:
            _log.warning("The log folder could not be made", exc_info=True)
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))):
            QMessageBox.information(self, APP_NAME, f"The log is kept in:\n{folder}")

    def about(self) -> None:
        QMessageBox.about(
            self,
            f"About {APP_NAME}",
            f"<h3>{APP_NAME} {__version__}</h3>"
            "<p>A calm diary for living with chronic pain.</p>"
            f"<p><b>{PRIVACY_PROMISE}</b></p>"
            f"<p>Your diary is kept in:<br>{self.ctx.companion.paths.data}</p>",
        )

    def bring_to_front(self) -> None:
        """Called when a second launch asks this window to come forward."""
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()

    # --- geometry and closing -------------------------------------------------------------------

    def _restore_geometry(self) -> None:
        geometry = self.settings.geometry if self.settings else None
        if geometry is None or not self.restoreGeometry(geometry):
            metrics = self.fontMetrics()
            self.resize(metrics.averageCharWidth() * 150, metrics.height() * 48)
        state = self.settings.window_state if self.settings else None
        if state is not None:
            self.restoreState(state)
        self.fit_to_screen()

    def fit_to_screen(self) -> None:
        """Never larger than the screen's free area (large text, a small laptop, a screen that went away),
        and on it."""
        screen = self.screen() or QApplication.primaryScreen()
        if screen is None or self.isMaximized() or self.isFullScreen():
            return
        free = screen.availableGeometry()
        frame = WINDOW_FRAME_ALLOWANCE
        width = min(self.width(), free.width() - frame.width())
        height = min(self.height(), free.height() - frame.height())
        if (width, height) != (self.width(), self.height()):
            self.resize(width, height)
        x = min(max(self.x(), free.left()), free.right() - width - frame.width())
        y = min(max(self.y(), free.top()), free.bottom() - height - frame.height())
        if (x, y) != (self.x(), self.y()):
            self.move(x, y)

    def quit_app(self) -> None:
        """File ▸ Quit: close for real, even when reminders keep the app in the tray."""
        self.hide_to_tray = None
        if self.close() and not QApplication.quitOnLastWindowClosed():
            QApplication.quit()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.settings is not None:  # also when hiding to the tray: the size is kept either way
            self.settings.geometry = self.saveGeometry()
            self.settings.window_state = self.saveState()
            self.settings.sync()
        if self.hide_to_tray is not None and self.hide_to_tray():
            event.ignore()
            self.hide()
            return
        self.backup_timer.stop()
        try:
            self.ctx.companion.backups.maybe_backup()
        except Exception as exc:
            log_caught(_log, "The backup on closing failed", exc)
            text = f"The backup on closing failed: {exc}\nYour diary itself is saved."
            print(f"{APP_NAME}: {text}", file=sys.stderr)
            if self.interactive:
                QMessageBox.warning(self, "Backup failed", text)
        super().closeEvent(event)
