"""GUI entry point: one instance per data folder, open the diary, show the main window.

Start-up is kept light: only QtCore/QtGui/QtWidgets/QtNetwork and the core are imported before the window
is shown; the Diary and Insights pages (and matplotlib) load when first opened.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QSystemTrayIcon

from .. import APP_ID, APP_NAME, ORG_NAME, __version__, logsetup
from ..errors import DatabaseError, PainCompanionError
from ..paths import AppPaths
from .single_instance import SingleInstance

if TYPE_CHECKING:
    from .context import GuiContext
    from .main_window import MainWindow

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
    from .icon import app_icon

    app.setWindowIcon(app_icon())
    return app


def run_dialog(dialog: QDialog, auto_close: bool) -> int:
    """exec() a dialog; with `auto_close` it closes itself as soon as it is shown (scripts and tests never hang)."""
    if auto_close:
        QTimer.singleShot(0, dialog.reject)
    return dialog.exec()


#: Benchmarks set this to the launch time (time.time()); the app then reports first paint and idle on stderr.
BENCH_T0_ENV = "PAINCOMPANION_BENCH_T0"


class _StartupWatcher(QObject):
    """Start-up in two steps: the window's first paint, then today's entries painted (the data on screen).

    After the first paint it calls `on_first_paint` (which opens the diary and builds the Today page, see
    `_run`); once the data view has painted and the event loop is idle it calls `on_idle`, reports timings
    for the benchmark and, with --quit-after-startup, closes the window.
    """

    def __init__(self, window: QObject, quit_after: bool) -> None:
        super().__init__(window)
        self._window = window
        self._quit_after = quit_after
        self._t0 = float(os.environ.get(BENCH_T0_ENV, "0") or 0)
        self.first_paint: float | None = None
        self.on_first_paint: Callable[[], None] | None = None
        self.on_idle: Callable[[], None] | None = None
        self._data_view: QObject | None = None

    def _since_launch(self) -> float:
        return time.time() - self._t0

    def watch_data(self, view: QObject) -> None:
        self._data_view = view

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            if self.first_paint is None:
                self.first_paint = self._since_launch()
                if self.on_first_paint is not None:
                    QTimer.singleShot(0, self.on_first_paint)
            elif watched is self._data_view and self._data_view is not None:
                QApplication.instance().removeEventFilter(self)  # type: ignore[union-attr]
                QTimer.singleShot(0, self._idle)
        return False

    def _idle(self) -> None:
        if self.on_idle is not None:
            self.on_idle()
        if self._t0:
            print(f"BENCH first_paint={self.first_paint:.4f} idle={self._since_launch():.4f}", file=sys.stderr)
        if self._quit_after:
            self._window.close()  # type: ignore[attr-defined]


def main(
    data_dir: str | None = None,
    quit_after_startup: bool = False,
    minimised: bool = False,
    verbose: bool = False,
    theme: str | None = None,
) -> int:
    """Run the GUI; returns the exit code (0 normal or already open, 1 when the data could not be opened).

    `minimised` starts with the window hidden in the tray (shown normally when the desktop has no tray);
    `verbose` also prints the log's records on stderr; `theme` is "system" (default), "light", "dark" or
    "high-contrast" (else $PAINCOMPANION_THEME, see gui/theme.py)."""
    os.environ.setdefault("QT_API", "pyside6")
    app = application()
    from .theme import apply_theme

    apply_theme(app, theme)
    auto_close = quit_after_startup or os.environ.get(NO_BLOCKING_DIALOGS_ENV) == "1"
    paths = AppPaths.default(data_dir)
    logsetup.setup(paths.logs, verbose=verbose)
    logsetup.install_excepthooks()
    try:
        paths.ensure_private_dirs()
    except OSError as exc:
        print(f"{APP_NAME}: the data folder {paths.data} cannot be used: {exc.strerror}", file=sys.stderr)
        return 1

    instance = SingleInstance(paths.data)
    if not instance.acquire(listen=False):
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
        return _run(app, paths, instance, data_dir, quit_after_startup, auto_close, minimised)
    finally:
        instance.release()


def _run(
    app: QApplication,
    paths: AppPaths,
    instance: SingleInstance,
    data_dir: str | None,
    quit_after_startup: bool,
    auto_close: bool,
    minimised: bool = False,
) -> int:
    """Show the window shell at once; open the diary and build the Today page right after its first paint."""
    from .change_bus import ChangeBus
    from .context import GuiContext
    from .main_window import MainWindow
    from .settings import UiSettings

    ctx = GuiContext(companion=None, bus=ChangeBus(), undo_stack=QUndoStack())  # type: ignore[arg-type]
    window = MainWindow(ctx, UiSettings.in_dir(paths.data), load_today=False)
    window.interactive = not auto_close
    instance.activation_requested.connect(window.bring_to_front)
    watcher = _StartupWatcher(window, quit_after_startup)

    def after_first_paint() -> None:
        if ctx.companion is not None or window.property("opening"):  # --minimised: already opened unpainted
            return
        window.setProperty("opening", True)
        instance.listen()
        _open_diary(app, ctx, window, watcher, paths, data_dir, auto_close)

    watcher.on_first_paint = after_first_paint
    app.installEventFilter(watcher)
    if minimised and not quit_after_startup and QSystemTrayIcon.isSystemTrayAvailable():
        QTimer.singleShot(0, after_first_paint)  # hidden in the tray: there is no first paint to wait for
    else:
        window.show()
    try:
        return app.exec()
    finally:
        if ctx.companion is not None:
            ctx.companion.close()


def _open_diary(
    app: QApplication,
    ctx: GuiContext,
    window: MainWindow,
    watcher: _StartupWatcher,
    paths: AppPaths,
    data_dir: str | None,
    auto_close: bool,
) -> None:
    from ..services.startup import DeferredCompanion, open_for_gui

    def explain(exc: PainCompanionError, *, offer_restore: bool) -> bool:
        """Show the open error; True when the patient restored a backup from the dialog."""
        from .dialogs.open_error_dialog import OpenErrorDialog

        message = exc.user_message() if isinstance(exc, DatabaseError) else str(exc)
        print(f"{APP_NAME}: {message}", file=sys.stderr)
        dialog = OpenErrorDialog(
            exc, paths.backups, data_dir=data_dir, paths=paths if offer_restore else None, passphrase=passphrase
        )
        return run_dialog(dialog, auto_close) == OpenErrorDialog.DialogCode.Accepted

    def report_open_error(exc: PainCompanionError) -> None:
        explain(exc, offer_restore=False)
        window.hide()
        app.exit(1)

    passphrase = None
    from ..storage.cipher_probe import is_encrypted, looks_locked_without_key

    if is_encrypted(paths) or (not auto_close and looks_locked_without_key(paths)):
        passphrase = _ask_passphrase(paths, window, auto_close)
        if passphrase is None:  # Quit (exit 0), or a scripted start that cannot type one (exit 1)
            app.removeEventFilter(watcher)
            window.hide()
            app.exit(1 if auto_close else 0)
            return
    companion = None
    for attempt in range(2):
        try:
            companion = open_for_gui(paths, passphrase=passphrase)
            break
        except PainCompanionError as exc:
            if attempt == 0 and explain(exc, offer_restore=True):
                continue  # restored from the dialog: open again
            app.removeEventFilter(watcher)
            if attempt == 1:
                explain(exc, offer_restore=False)
            window.hide()
            app.exit(1)
            return
    assert companion is not None
    ctx.companion = companion
    ctx.bus.attach(companion)
    window.show_page("today")
    watcher.watch_data(window.today_page.entries.viewport())
    if isinstance(companion, DeferredCompanion):
        # SQLAlchemy loads only once the first screen is on show, so it does not slow it down.
        watcher.on_idle = companion.start
        if not window.isVisible():  # started minimised: no paint will call on_idle
            companion.start()
        _watch_background_open(companion, window, report_open_error, lambda: _start_tray(ctx, window))
    else:
        _start_tray(ctx, window)


def _start_tray(ctx: GuiContext, window: MainWindow) -> None:
    """Reminders and the tray icon, once the real diary is open (gui/tray.py)."""
    from .tray import ReminderTray

    try:
        tray = ReminderTray(ctx, window, manage_quit=True)
        tray.start()
    except PainCompanionError as exc:  # reminders must never keep the diary from opening
        print(f"{APP_NAME}: reminders could not be started: {exc}", file=sys.stderr)
        window.show()
        _start_follow_ups(ctx, window)
        return
    window.tray = tray  # type: ignore[attr-defined]
    _start_follow_ups(ctx, window)
    if not window.isVisible() and tray.icon is None:
        window.show()


def _start_follow_ups(ctx: GuiContext, window: MainWindow) -> None:
    """The "how is your pain now?" prompt after a rated dose (gui/dialogs/follow_up_window.py)."""
    from .dialogs.follow_up_window import FollowUpPrompter

    prompter = FollowUpPrompter(ctx, window)
    tray = getattr(window, "tray", None)
    prompter.tray_icon = tray.icon if tray is not None else None
    prompter.start()
    window.follow_ups = prompter  # type: ignore[attr-defined]


def _ask_passphrase(paths: AppPaths, window: MainWindow, auto_close: bool) -> str | None:
    """The unlock dialog over the window shell; None when the patient chose Quit (or nobody can answer)."""
    if auto_close:
        print(
            f"{APP_NAME}: this diary is encrypted and cannot be unlocked in a start that closes by itself "
            "(--quit-after-startup); nothing was changed.",
            file=sys.stderr,
        )
        return None
    from .dialogs.unlock_dialog import UnlockDialog

    # The empty shell behind stays inert while locked: nothing in it can be reached or read out.
    shell = [part for part in (window.menuBar(), window.centralWidget()) if part is not None]
    for part in shell:
        part.setEnabled(False)
    try:
        dialog = UnlockDialog(paths, window)
        return dialog.passphrase if dialog.exec() == UnlockDialog.DialogCode.Accepted else None
    finally:
        for part in shell:
            part.setEnabled(True)


def _watch_background_open(
    companion: object, window: QObject, report: object, on_ready: Callable[[], None] | None = None
) -> None:
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
            return
        if on_ready is not None:
            on_ready()

    timer.timeout.connect(check)
    timer.start()
