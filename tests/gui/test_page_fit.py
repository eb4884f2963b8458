"""Every page fits a small screen with large text (issue 18): 200 % text on 1366×768 and 100 % on 1024×600.

No page may force the window past the screen, nothing is clipped at the right edge (pages scroll vertically only),
and the last widget of each page can be scrolled into view.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QTableView, QWidget

from paincompanion.gui.main_window import PAGES, MainWindow
from paincompanion.gui.page_layout import PageScroll, ResponsiveRow
from paincompanion.gui.settings import UiSettings
from paincompanion.gui.views.table_columns import ColumnChooser
from paincompanion.services.demo import fill_demo

#: (text size in per cent, screen) pairs from the issue; the free area leaves room for a panel and a title bar.
SCREENS = [(200, QSize(1366, 768)), (100, QSize(1024, 600))]
PANEL_AND_TITLE = QSize(0, 40 + 30)


def free_area(screen: QSize) -> QSize:
    return screen - PANEL_AND_TITLE


@pytest.fixture
def text_size(qapp):
    """Set the application's text size (as the desktop's text-size setting does); put back afterwards."""
    original = qapp.font()

    def scale(percent: int) -> None:
        font = qapp.font()
        font.setPointSizeF(original.pointSizeF() * percent / 100)
        qapp.setFont(font)

    yield scale
    qapp.setFont(original)


@pytest.fixture(scope="module")
def demo_folder(tmp_path_factory):
    """A few months of demo data (entries, medicines with warnings, routine sessions), made once."""
    from paincompanion.paths import AppPaths
    from paincompanion.services.companion import Companion

    paths = AppPaths.in_dir(tmp_path_factory.mktemp("fit") / "data")
    companion = Companion.open(paths)
    try:
        fill_demo(companion, 0.3)
    finally:
        companion.close()
    return paths


@pytest.fixture
def demo_ctx(qapp, demo_folder, tmp_path):
    import shutil

    from PySide6.QtGui import QUndoStack

    from paincompanion.gui.change_bus import ChangeBus
    from paincompanion.gui.context import GuiContext
    from paincompanion.paths import AppPaths
    from paincompanion.services.companion import Companion

    shutil.copytree(demo_folder.data, tmp_path / "data")
    companion = Companion.open(AppPaths.in_dir(tmp_path / "data"))
    yield GuiContext(companion=companion, bus=ChangeBus(companion), undo_stack=QUndoStack())
    companion.close()


def open_page(qtbot, ctx, tmp_path, key: str, screen: QSize) -> tuple[MainWindow, QWidget]:
    window = MainWindow(ctx, UiSettings(tmp_path / "ui.ini"), load_today=key == "today")
    qtbot.addWidget(window)
    window.show_page(key)
    window.resize(free_area(screen))
    window.show()
    qtbot.waitExposed(window)
    page = window.page(key)
    busy = getattr(page, "is_busy", None)
    if busy is not None:
        qtbot.waitUntil(lambda: not busy(), timeout=30_000)
    QApplication.processEvents()
    return window, page


def bottom_widget(content: QWidget) -> QWidget:
    """The visible control or text whose bottom edge is lowest in the page (the last thing on it)."""

    def leaf(w: QWidget) -> bool:
        return not any(c.isVisibleTo(content) for c in w.findChildren(QWidget, options=Qt.FindDirectChildrenOnly))

    shown = [
        w
        for w in content.findChildren(QWidget)
        if w.isVisibleTo(content)
        and w.width() > 0
        and w.height() > 0
        and leaf(w)
        and not any(isinstance(a, QTableView) for a in _ancestors(w, content))
    ]
    return max(shown, key=lambda w: w.mapTo(content, w.rect().bottomLeft()).y())


def _ancestors(widget: QWidget, root: QWidget) -> list[QWidget]:
    found = []
    parent = widget.parentWidget()
    while parent is not None and parent is not root:
        found.append(parent)
        parent = parent.parentWidget()
    return found


def assert_reachable(qtbot, area: PageScroll, widget: QWidget) -> None:
    """Scrolling to `widget` shows it. Tried again while the page's layout settles (charts that finish drawing
    change their height after the first try); a widget cut off for good never shows and fails after 5 s."""

    def scrolled_into_view() -> bool:
        area.ensureWidgetVisible(widget, 0, 0)
        QApplication.processEvents()
        return not widget.visibleRegion().isEmpty()

    try:
        qtbot.waitUntil(scrolled_into_view, timeout=5000)
    except qtbot.TimeoutError:
        pytest.fail(f"{type(widget).__name__} {widget.objectName()!r} cannot be seen")


@pytest.mark.parametrize(("percent", "screen"), SCREENS, ids=["200pct-1366x768", "100pct-1024x600"])
@pytest.mark.parametrize("key", [spec.key for spec in PAGES])
def test_page_fits_the_screen_and_its_last_widget_can_be_scrolled_to(
    qtbot, text_size, demo_ctx, tmp_path, key, percent, screen
):
    text_size(percent)
    window, page = open_page(qtbot, demo_ctx, tmp_path, key, screen)
    free = free_area(screen)

    hint = window.minimumSizeHint()
    assert hint.width() <= free.width() and hint.height() <= free.height(), f"{key}: window needs {hint}"
    assert window.width() <= free.width() and window.height() <= free.height()
    area = page.page_scroll
    assert isinstance(area, PageScroll) and page.findChildren(PageScroll) == [area]  # one per page
    content = area.widget()
    assert content.minimumSizeHint().width() <= area.viewport().width(), f"{key} is cut at the right edge"
    assert content.width() <= area.viewport().width()
    qtbot.waitUntil(lambda: content.height() >= content.minimumSizeHint().height())  # scrolls, never squeezed
    assert_reachable(qtbot, area, bottom_widget(content))


@pytest.mark.parametrize(("percent", "screen"), SCREENS, ids=["200pct-1366x768", "100pct-1024x600"])
def test_every_medicines_tab_fits_and_scrolls_to_its_end(qtbot, text_size, demo_ctx, tmp_path, percent, screen):
    text_size(percent)
    _window, page = open_page(qtbot, demo_ctx, tmp_path, "meds", screen)
    tabs = page.view.tabs
    assert tabs.count() == 4
    heights = []
    for index in range(tabs.count()):
        tabs.setCurrentIndex(index)
        QApplication.processEvents()
        content = page.page_scroll.widget()
        heights.append(content.minimumSizeHint().height())
        assert content.minimumSizeHint().width() <= page.page_scroll.viewport().width(), tabs.tabText(index)
        qtbot.waitUntil(lambda c=content: c.height() >= c.minimumSizeHint().height())
        assert_reachable(qtbot, page.page_scroll, bottom_widget(tabs.widget(index)))
    assert heights[3] < heights[0]  # the short "Limits" tab does not scroll over the long list's height


def test_a_focused_control_below_the_fold_is_scrolled_into_view(qtbot, text_size, demo_ctx, tmp_path):
    text_size(200)
    window, page = open_page(qtbot, demo_ctx, tmp_path, "summary", SCREENS[0][1])
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    target = page.print_button
    assert target.visibleRegion().isEmpty()  # below the fold at first
    target.setFocus(Qt.FocusReason.ShortcutFocusReason)  # as a mnemonic would
    qtbot.waitUntil(lambda: not target.visibleRegion().isEmpty())


# --- the Medicines page, one part at a time ----------------------------------------------------


def test_medicines_parts_are_named_tabs_reached_by_ctrl_tab_and_mnemonics(qtbot, demo_ctx, tmp_path):
    window, page = open_page(qtbot, demo_ctx, tmp_path, "meds", QSize(1366, 768))
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    tabs = page.view.tabs
    titles = [tabs.tabText(i).replace("&", "") for i in range(tabs.count())]
    assert titles == ["My medicines", "Dose log", "Check before I buy", "Limits"]
    assert all(tabs.widget(i).accessibleName() for i in range(tabs.count()))
    assert tabs.currentWidget() is page.view.list_tab and page.table.isVisible()
    assert page.view.warnings.isVisible()  # the list with its warnings first
    assert not page.view.doses_list.isVisible() and not page.view.liver_check.isVisible()  # one thing at a time

    page.table.setFocus()
    QTest.keyClick(page.table, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert tabs.currentWidget() is page.view.doses_tab and page.view.took_button.isVisible()

    QTest.keyClick(window, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)  # Limi&ts
    assert tabs.currentWidget() is page.view.limits_tab
    assert page.view.liver_check.isVisible() and page.view.amounts_label.isVisible()
    QTest.keyClick(window, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)  # &Check before I buy
    assert tabs.currentWidget() is page.view.buy_tab and page.view.buy_box.edit.isVisible()


def test_a_dose_logged_from_the_dose_log_tab_is_listed_there(qtbot, demo_ctx, tmp_path):
    _window, page = open_page(qtbot, demo_ctx, tmp_path, "meds", QSize(1366, 768))
    row = next(r for r in range(page.model.rowCount()) if not page.model.medication(r).as_needed)
    med = page.model.medication(row)
    page.table.selectRow(row)
    page.view.tabs.setCurrentWidget(page.view.doses_tab)
    before = page.view.doses_list.count()
    page.view.took_button.click()
    assert page.view.doses_list.count() == before + 1
    assert med.name in page.view.doses_list.item(0).text()
    assert page.view.message.isVisible()  # the message line sits above the tabs: seen from every part


# --- building blocks -----------------------------------------------------------------------------


def test_a_responsive_row_stacks_its_panels_when_narrow(qtbot):
    holder = QWidget()  # a parent without a layout: the test sets the row's size freely
    qtbot.addWidget(holder)
    row = ResponsiveRow(holder, stack_chars=60)
    left, right = QLabel("left panel", row), QLabel("right panel", row)
    left.setMinimumWidth(200)
    right.setMinimumWidth(250)
    row.add_panel(left)
    row.add_panel(right)
    assert row.minimumSizeHint().width() == 250  # only the widest panel: never forces a sideways scroll
    wide = max(row.breakpoint(), 460) + 10
    row.resize(wide, 100)
    holder.resize(wide * 2, 600)
    holder.show()
    QApplication.processEvents()
    assert not row.stacked and left.geometry().top() == right.geometry().top()
    row.resize(row.breakpoint() - 1, 300)
    QApplication.processEvents()
    assert row.stacked and right.geometry().top() >= left.geometry().bottom()
    row.resize(wide, 300)
    QApplication.processEvents()
    assert not row.stacked


def test_narrow_tables_hide_less_important_columns_and_the_patient_brings_them_back(
    qtbot, demo_ctx, tmp_path, text_size
):
    text_size(200)
    window, page = open_page(qtbot, demo_ctx, tmp_path, "routines", QSize(1024, 600))
    chooser = page.table.findChild(ColumnChooser)
    hidden = chooser.auto_hidden()
    assert hidden and not page.table.isColumnHidden(chooser.keep)  # the routine's name always stays
    assert page.table.columnWidth(chooser.keep) >= chooser.needed(chooser.keep)
    menu = chooser.build_menu()
    actions = menu.actions()
    assert not actions[chooser.keep].isEnabled()  # the name cannot be hidden
    actions[hidden[0]].setChecked(True)  # the patient wants it back
    assert not page.table.isColumnHidden(hidden[0])
    window.close()

    again, page2 = open_page(qtbot, demo_ctx, tmp_path, "routines", QSize(1024, 600))  # remembered in ui-state
    assert not page2.table.isColumnHidden(hidden[0])
    chooser2 = page2.table.findChild(ColumnChooser)
    chooser2.reset()
    assert page2.table.isColumnHidden(hidden[0])
    assert UiSettings(tmp_path / "ui.ini").column_choices("routines") == {}


def test_remembered_column_choices_ignore_damaged_values(tmp_path):
    settings = UiSettings(tmp_path / "ui.ini")
    settings.set_column_choices("diary", {3: False, 5: True})
    assert UiSettings(tmp_path / "ui.ini").column_choices("diary") == {3: False, 5: True}
    settings._qs.setValue("columns/diary", "3:0,x:1,7:maybe,,9:1")
    assert settings.column_choices("diary") == {3: False, 9: True}


def test_the_window_opens_no_larger_than_the_screen_and_remembers_its_size(qtbot, ctx, tmp_path):
    settings = UiSettings(tmp_path / "ui.ini")
    window = MainWindow(ctx, settings)
    qtbot.addWidget(window)
    free = window.screen().availableGeometry()
    window.resize(free.width() * 3, free.height() * 3)  # e.g. saved on a larger monitor
    window.close()
    again = MainWindow(ctx, UiSettings(tmp_path / "ui.ini"))
    qtbot.addWidget(again)
    assert again.width() <= free.width() and again.height() <= free.height()
    again.resize(free.width() // 2, free.height() // 2)
    again.close()
    third = MainWindow(ctx, UiSettings(tmp_path / "ui.ini"))
    qtbot.addWidget(third)
    assert third.size() == QSize(free.width() // 2, free.height() // 2)


# --- keyboard: Tab from the page list goes round the whole page and back ---------------------------


def _tab_cycle(qtbot, window: MainWindow) -> list[QWidget]:
    """The widgets Tab visits, starting on the page list, until it is back there (at most 80 presses)."""
    window.nav.setFocus()
    qtbot.waitUntil(window.nav.hasFocus)
    visited: list[QWidget] = []
    for _ in range(80):
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        widget = QApplication.focusWidget()
        if widget is window.nav:
            return visited
        visited.append(widget)
    raise AssertionError(f"Tab never came back to the page list: {[w.objectName() for w in visited[-10:]]}")


@pytest.mark.parametrize("key", ["diary", "meds", "routines"])
def test_tab_from_the_page_list_reaches_the_whole_page_and_comes_back(qtbot, demo_ctx, tmp_path, key):
    window, page = open_page(qtbot, demo_ctx, tmp_path, key, QSize(1366, 768))
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    visited = _tab_cycle(qtbot, window)
    if key == "diary":
        bar = page.filter_bar
        wanted = [bar.from_check, bar.tag_combo, bar.text_edit, bar.clear_button, page.view.add_button, page.table]
    elif key == "meds":
        v = page.view
        wanted = [v.kratom_button, v.about_button, v.tabs.tabBar(), v.add_button, page.table, v.warnings.expand_button]
    else:
        v = page.view
        wanted = [v.tabs.tabBar(), v.search_edit, v.kind_combo, v.favourites_check, page.table, v.detail.start_button]
    missing = [w.objectName() or type(w).__name__ for w in wanted if w not in visited]
    assert missing == []
    assert [w for w in visited if w in wanted] == wanted  # in reading order


@pytest.mark.parametrize("key", [spec.key for spec in PAGES])
def test_raising_the_text_size_while_a_page_is_open_keeps_it_fitting(qtbot, text_size, demo_ctx, tmp_path, key):
    screen = SCREENS[0][1]
    window, page = open_page(qtbot, demo_ctx, tmp_path, key, screen)
    text_size(200)  # the desktop's text size changed while the app is open
    qtbot.wait(100)  # font change events, then the layouts
    free = free_area(screen)
    hint = window.minimumSizeHint()
    assert hint.width() <= free.width() and hint.height() <= free.height()
    content = page.page_scroll.widget()
    qtbot.waitUntil(lambda: content.minimumSizeHint().width() <= page.page_scroll.viewport().width())
    qtbot.waitUntil(lambda: content.height() >= content.minimumSizeHint().height())
    assert_reachable(qtbot, page.page_scroll, bottom_widget(content))
