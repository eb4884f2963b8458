"""One GUI per data folder: a lock file says who runs, a local socket lets a second launch wake the first."""

from __future__ import annotations

import getpass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLockFile, QObject, Signal

if TYPE_CHECKING:  # QtNetwork (local sockets only) is imported when needed: it is not free at start-up
    from PySide6.QtNetwork import QLocalServer, QLocalSocket

LOCK_FILE = "gui.lock"
ACTIVATE = b"activate\n"
CONNECT_TIMEOUT_MS = 1000


def server_name(data_dir: Path) -> str:
    """A socket name unique per user and data folder (short: some systems limit socket path length)."""
    import hashlib

    key = f"{getpass.getuser()}|{Path(data_dir).resolve()}".encode()
    return "paincompanion-" + hashlib.sha256(key).hexdigest()[:20]


class SingleInstance(QObject):
    """`acquire()` in the first instance; a later one gets False and calls `activate_running()`.

    The first instance emits `activation_requested` when a later launch asks it to come forward.
    A lock left by a crashed process (its PID is gone) is taken over automatically.
    """

    activation_requested = Signal()

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.data_dir = Path(data_dir)
        self._lock = QLockFile(str(self.data_dir / LOCK_FILE))
        self._lock.setStaleLockTime(0)  # never stale by age: only when the holding process is gone
        self._server: QLocalServer | None = None
        self._sockets: list[QLocalSocket] = []

    def acquire(self, *, listen: bool = True) -> bool:
        """Take the lock and (unless `listen=False`, see `listen`) start listening; False if another holds it."""
        if not self._lock.tryLock(0):
            return False
        if listen:
            self.listen()
        return True

    def listen(self) -> None:
        """Let later launches wake this instance (the app calls this once its first screen is shown)."""
        from PySide6.QtNetwork import QLocalServer

        if self._server is not None:
            return
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        QLocalServer.removeServer(self.name)  # a socket file left by a crash; we hold the lock, so it is not in use
        if server.listen(self.name):
            server.newConnection.connect(self._on_connection)
            self._server = server

    @property
    def name(self) -> str:
        return server_name(self.data_dir)

    @property
    def holder_pid(self) -> int | None:
        """The process id written in the lock file, None when there is none."""
        pid, _host, _app = self._lock.getLockInfo()  # (PySide6 returns a tuple; 0 and "" without a lock file)
        return pid or None

    def activate_running(self) -> bool:
        """Ask the running instance to raise its window; True if it answered."""
        from PySide6.QtNetwork import QLocalSocket

        socket = QLocalSocket()
        socket.connectToServer(self.name)
        if not socket.waitForConnected(CONNECT_TIMEOUT_MS):
            return False
        socket.write(ACTIVATE)
        sent = socket.waitForBytesWritten(CONNECT_TIMEOUT_MS)
        socket.disconnectFromServer()
        return sent

    def _on_connection(self) -> None:
        assert self._server is not None
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            self._sockets.append(socket)
            socket.readyRead.connect(self._read_all)
            socket.disconnected.connect(self._drop_closed)
        self._read_all()

    def _read_all(self) -> None:
        for socket in self._sockets:
            if socket.bytesAvailable() and ACTIVATE.strip() in bytes(socket.readAll().data()):
                self.activation_requested.emit()

    def _drop_closed(self) -> None:
        self._read_all()  # a message may arrive together with the hang-up
        from PySide6.QtNetwork import QLocalSocket

        for socket in [s for s in self._sockets if s.state() == QLocalSocket.LocalSocketState.UnconnectedState]:
            self._sockets.remove(socket)
            socket.blockSignals(True)
            socket.deleteLater()

    def release(self) -> None:
        """Stop listening and unlock (quietly: no signals while sockets close)."""
        for socket in self._sockets:
            socket.blockSignals(True)
            socket.abort()
        self._sockets.clear()
        if self._server is not None:
            self._server.blockSignals(True)
            self._server.close()
            self._server = None
        if self._lock.isLocked():
            self._lock.unlock()
