"""Baseline for benchmarks/startup.py: a bare PySide6 main window with a small table.

Reports the same two moments as the app (see paincompanion.gui.app): first paint and idle.
"""

from __future__ import annotations

import os
import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView


def _since_launch() -> float:
    return time.time() - float(os.environ.get("PAINCOMPANION_BENCH_T0", time.time()))


class PaintWatcher(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.first_paint: float | None = None

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self.first_paint is None:
            self.first_paint = _since_launch()
            QTimer.singleShot(0, self.idle)
        return False

    def idle(self) -> None:
        print(f"BENCH first_paint={self.first_paint:.4f} idle={_since_launch():.4f}", file=sys.stderr)
        QApplication.quit()


def main() -> int:
    app = QApplication(sys.argv)
    window = QMainWindow()
    model = QStandardItemModel(20, 4)
    for row in range(20):
        for col in range(4):
            model.setItem(row, col, QStandardItem(f"{row}:{col}"))
    table = QTableView()
    table.setModel(model)
    window.setCentralWidget(table)
    window.resize(1000, 700)
    watcher = PaintWatcher()
    table.viewport().installEventFilter(watcher)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
