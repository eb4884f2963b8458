"""GUI entry point: one instance per data folder, open the diary, show the main window.

Start-up is kept light: only QtCore/QtGui/QtWidgets/QtNetwork and the core are imported before the window
is shown; the Diary and Insights pages (and matplotlib) load when first opened.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from .. import APP_ID, APP_NAME, ORG_NAME, __version__
from ..errors import DatabaseError, PainCompanionError
from ..paths import AppPaths
from .single_instance import SingleInstance

#: Set to 1 to have the open-error and "already open" messages close themselves (scripted runs).
NO_BLOCKING_DIALOGS_ENV = "PAINCOMPANION_NO_BLOCKING_DIALOGS"


def application() -> QApplication:
    """The QApplication: reused if one exists (tests), else created with our names and a readable font."""
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    QApplication.setOrganizationName(ORG_NAME)
    QApplication.setApplicationName(APP_NAME)
    QApplication.setApplicationVersion(__version__)
    QApplication.setDesktopFileName(APP_ID)
    app = QApplication(sys.argv[:1])
    from .fonts import ensure_readable_font

    ensure_readable_font(app)
    return app


def run_dialog(dialog: QDialog, auto_close: bool) -> int:
    """exec() a dialog; with `auto_close` it closes itself as soon as it is shown (scripts and tests never hang)."""
    if auto_close:
        QTimer.singleShot(0, dialog.reject)
    return dialog.exec()


#: Benchmarks set this to the launch time (time.time()); the app then reports first paint and idle on stderr.
BENCH_T0_ENV = "PAINCOMPANION_BENCH_T0"


class _StartupWatcher(QObject):
    """Notices the first paint of the window and the first paint of today's entries (data on screen).

    Once the data has painted and the event loop is idle it reports timings (benchmarks) and, with
    --quit-after-startup, closes the window.
    """

    def __init__(
        self, window: QObject, data_view: QObject, quit_after: bool, on_idle: Callable[[], None] | None = None
    ) -> None:
        super().__init__(window)
        self._on_idle = on_idle
        self._window = window
        self._data_view = data_view
        self._quit_after = quit_after
        self._t0 = float(os.environ.get(BENCH_T0_ENV, "0") or 0)
        self.first_paint: float | None = None

    def _since_launch(self) -> float:
        return time.time() - self._t0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            if self.first_paint is None:
                self.first_paint = self._since_launch()
            if watched is self._data_view:
                QApplication.instance().removeEventFilter(self)  # type: ignore[union-attr]
                QTimer.singleShot(0, self._idle)
        return False

    def _idle(self) -> None:
        if self._on_idle is not None:
            self._on_idle()
        if self._t0:
            print(f"BENCH first_paint={self.first_paint:.4f} idle={self._since_launch():.4f}", file=sys.stderr)
        if self._quit_after:
            self._window.close()  # type: ignore[attr-defined]


def main(data_dir: str | None = None, quit_after_startup: bool = False) -> int:
    """Run the GUI; returns the exit code (0 normal or already open, 1 when the data could not be opened)."""
    os.environ.setdefault("QT_API", "pyside6")
    app = application()
    auto_close = quit_after_startup or os.environ.get(NO_BLOCKING_DIALOGS_ENV) == "1"
    paths = AppPaths.default(data_dir)
    try:
        paths.ensure_private_dirs()
    except OSError as exc:
        print(f"{APP_NAME}: the data folder {paths.data} cannot be used: {exc.strerror}", file=sys.stderr)
        return 1

    instance = SingleInstance(paths.data)
    if not instance.acquire():
        if instance.activate_running():
            print(
                f"{APP_NAME} is already open (data in {paths.data}); its window was brought forward.", file=sys.stderr
            )
        else:
            print(f"{APP_NAME} is already open (data in {paths.data}).", file=sys.stderr)
            box = QMessageBox(QMessageBox.Icon.Information, APP_NAME, f"{APP_NAME} is already open.")
            box.setInformativeText("Look for its window: only one window can use the diary at a time.")
            run_dialog(box, auto_close)
        return 0
    try:
        return _run(app, paths, instance, data_dir, quit_after_startup, auto_close)
    finally:
        instance.release()


def _run(
    app: QApplication,
    paths: AppPaths,
    instance: SingleInstance,
    data_dir: str | None,
    quit_after_startup: bool,
    auto_close: bool,
) -> int:
    from ..services.startup import DeferredCompanion, open_for_gui

    def report_open_error(exc: PainCompanionError) -> None:
        from .dialogs.open_error_dialog import OpenErrorDialog

        message = exc.user_message() if isinstance(exc, DatabaseError) else str(exc)
        print(f"{APP_NAME}: {message}", file=sys.stderr)
        run_dialog(OpenErrorDialog(exc, paths.backups, data_dir=data_dir), auto_close)

    try:
        companion = open_for_gui(paths)
    except PainCompanionError as exc:
        report_open_error(exc)
        return 1

    from .change_bus import ChangeBus
    from .context import GuiContext
    from .main_window import MainWindow
    from .settings import UiSettings

    try:
        ctx = GuiContext(companion=companion, bus=ChangeBus(companion), undo_stack=QUndoStack())
        window = MainWindow(ctx, UiSettings.in_dir(paths.data))
        window.interactive = not auto_close
        instance.activation_requested.connect(window.bring_to_front)
        deferred = companion if isinstance(companion, DeferredCompanion) else None
        # Open the full Companion (SQLAlchemy) only once the first screen is on show, so it does not slow it down.
        watcher = _StartupWatcher(
            window, window.today_page.entries.viewport(), quit_after_startup, deferred.start if deferred else None
        )
        app.installEventFilter(watcher)
        window.show()
        if deferred is not None:
            _watch_background_open(deferred, window, report_open_error)
        return app.exec()
    finally:
        companion.close()


def _watch_background_open(companion: object, window: QObject, report: object) -> None:
    """The real Companion opens on a thread after the first screen; if that fails, say so and quit."""
    timer = QTimer(window)
    timer.setInterval(25)

    def check() -> None:
        if not companion.ready:  # type: ignore[attr-defined]
            return
        timer.stop()
        try:
            companion.wait()  # type: ignore[attr-defined]
        except PainCompanionError as exc:
            report(exc)  # type: ignore[operator]
            QApplication.exit(1)

    timer.timeout.connect(check)
    timer.start()
