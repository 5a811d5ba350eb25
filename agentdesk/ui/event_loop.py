"""The one event loop of Qt and asyncio: qasync's, made to work as asyncio's.

qasync 0.28 runs every ``call_soon`` as its own Qt timer (``startTimer(0)``,
then ``timerEvent`` and ``killTimer``, all through the Python binding), every
``call_soon_threadsafe`` as a queued signal whose slot then does the same,
switches a socket's notifier off and on again around each callback, and hands
executor jobs over through a Python-level ``queue.Queue``.  A call's engine
does each of these thousands of times a second (each datagram, each task
step, each frame handed back by an encoder or decoder thread).  Here, as in
asyncio's own loop:

* ready callbacks wait in a queue that one zero-delay timer drains; those
  from other threads in a second queue, where only the first of a burst
  wakes the GUI thread;
* a socket's notifier stays on while it is watched (``_watch``);
* the default executor is Python's thread pool.

Timers with a delay stay qasync's.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import contextvars
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any, cast

import qasync
from PySide6.QtCore import QCoreApplication, QObject, QSocketNotifier, Qt, QTimer, Signal


class _Wake(QObject):
    """Carries one wake-up from another thread to the GUI thread."""

    wake = Signal()


class AppEventLoop(qasync.QEventLoop):  # type: ignore[misc]
    """qasync's loop whose ``call_soon`` and ``call_soon_threadsafe`` queue
    callbacks instead of making a Qt timer or signal each."""

    def __init__(self, app: QCoreApplication) -> None:
        self._ready: collections.deque[asyncio.Handle] = collections.deque()
        # From other threads: deque's append and popleft are atomic.
        self._from_threads: collections.deque[asyncio.Handle] = collections.deque()
        self._wake_lock = threading.Lock()
        self._wake_pending = False
        self._drain = QTimer()
        self._drain.setSingleShot(True)
        self._drain.setInterval(0)
        self._drain.timeout.connect(self._run_ready)
        self._waker = _Wake()
        self._waker.wake.connect(self._take_from_threads, Qt.ConnectionType.QueuedConnection)
        super().__init__(app)
        # The encoders' and decoders' jobs; qasync's close() shuts it down.
        self.set_default_executor(ThreadPoolExecutor(thread_name_prefix="agentdesk-worker"))

    def call_soon(
        self,
        callback: Callable[..., Any],
        *args: Any,
        context: contextvars.Context | None = None,
    ) -> asyncio.Handle:
        handle = self._handle(callback, args, context)
        self._ready.append(handle)
        if not self._drain.isActive():
            self._drain.start()
        return handle

    def call_soon_threadsafe(
        self,
        callback: Callable[..., Any],
        *args: Any,
        context: contextvars.Context | None = None,
    ) -> asyncio.Handle:
        handle = self._handle(callback, args, context)
        self._from_threads.append(handle)
        with self._wake_lock:
            wake = not self._wake_pending
            self._wake_pending = True
        if wake:
            self._waker.wake.emit()
        return handle

    # Sockets: qasync switches a socket's notifier off when it fires, runs the
    # callback on a later turn, then switches it on again; with Qt's glib
    # dispatcher each switch adds or removes a poll source, twice a datagram.
    # Here the notifier stays on and the callback runs when it fires, as
    # asyncio's loop runs a reader as soon as select() says so.  Level
    # triggered: a socket with more to read fires again on the next turn.
    # qasync's own _remove_reader/_remove_writer and close() still apply.

    def _add_reader(self, fd: Any, callback: Callable[..., Any], *args: Any) -> None:
        self._watch(self._read_notifiers, fd, QSocketNotifier.Type.Read, callback, args)

    def _add_writer(self, fd: Any, callback: Callable[..., Any], *args: Any) -> None:
        self._watch(self._write_notifiers, fd, QSocketNotifier.Type.Write, callback, args)

    def _watch(
        self,
        notifiers: dict[Any, QSocketNotifier],
        fd: Any,
        kind: QSocketNotifier.Type,
        callback: Callable[..., Any],
        args: tuple[Any, ...],
    ) -> None:
        handle = self._handle(callback, args, None)
        # Keyed as given (an int or a socket), as qasync's removal looks it up.
        replaced = notifiers.pop(fd, None)
        if replaced is not None:
            replaced.setEnabled(False)
            _activated(replaced).disconnect()
        notifier = QSocketNotifier(fd if isinstance(fd, int) else int(fd.fileno()), kind)

        def ready() -> None:
            # Removed or replaced since Qt queued this: not ours to run.
            if notifiers.get(fd) is notifier and not handle.cancelled():
                with self._as_running_loop():
                    handle._run()

        _activated(notifier).connect(ready)
        notifiers[fd] = notifier

    def _handle(
        self,
        callback: Callable[..., Any],
        args: tuple[Any, ...],
        context: contextvars.Context | None,
    ) -> asyncio.Handle:
        self._check_open()
        return asyncio.Handle(callback, args, self, context=context)

    def _check_open(self) -> None:
        if self.is_closed():
            raise RuntimeError("Event loop is closed")

    def _take_from_threads(self) -> None:
        with self._wake_lock:
            self._wake_pending = False
        while self._from_threads:
            self._ready.append(self._from_threads.popleft())
        if self._ready and not self._drain.isActive():
            self._drain.start()

    def _run_ready(self) -> None:
        # Only those queued before this turn: a callback that queues another
        # lets Qt's events (paint, input) run first, as asyncio lets I/O.
        with self._as_running_loop():
            for _ in range(len(self._ready)):
                handle = self._ready.popleft()
                if not handle.cancelled():
                    handle._run()
        if self._ready:
            self._drain.start()

    @contextlib.contextmanager
    def _as_running_loop(self) -> Iterator[None]:
        """Qt also runs events outside ``run_forever`` (a test's nested wait,
        qasync's last pass after ``run_until_complete``), and callbacks run
        then: they see this loop as running, or a task step would fail (« no
        running event loop »)."""
        if asyncio.events._get_running_loop() is not None:
            yield
            return
        asyncio.events._set_running_loop(self)
        try:
            yield
        finally:
            asyncio.events._set_running_loop(None)

    def close(self) -> None:
        self._drain.stop()
        self._ready.clear()
        self._from_threads.clear()
        super().close()


def _activated(notifier: QSocketNotifier) -> Any:
    """The notifier's ``activated(int)`` overload: the one qasync disconnects
    when it removes a reader or closes (PySide's stubs do not index signals)."""
    return cast(Any, notifier.activated)["int"]
