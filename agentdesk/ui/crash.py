"""Crash safety: an exception anywhere is logged and shown, never fatal.

Covers Qt slots and virtual methods (sys.excepthook), threads
(threading.excepthook) and asyncio tasks and callbacks (the loop's exception
handler).  The log goes to a file too, since a windowed build has no console.
What is shown is shown from the GUI thread: a widget made or touched from the
camera's or the sound card's thread can crash the whole app.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import logging.handlers
import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any

log = logging.getLogger("agentdesk.crash")

Show = Callable[[str], None]


def log_to_file(log_dir: Path) -> logging.Handler:
    """A rotating log file in ``log_dir``; the caller removes the handler at exit."""
    log_dir.mkdir(parents=True, exist_ok=True)
    path = log_dir / "agentdesk.log"
    handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=2_000_000, backupCount=3, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    if root.level > logging.INFO or root.level == logging.NOTSET:
        root.setLevel(logging.INFO)
    return handler


class CrashGuard:
    """Installs the hooks; ``show`` puts a short sentence in front of the agent."""

    def __init__(self, show: Show) -> None:
        self._show = show
        self._previous_hook = sys.excepthook
        self._previous_thread_hook = threading.excepthook
        self._showing = False
        self._loop: asyncio.AbstractEventLoop | None = None
        self.count = 0

    def set_show(self, show: Show) -> None:
        self._show = show

    def install(self, loop: asyncio.AbstractEventLoop | None = None) -> None:
        """``loop``: the GUI thread's (qasync); without it, errors in other
        threads are logged only."""
        sys.excepthook = self._excepthook
        threading.excepthook = self._thread_hook
        self._loop = loop
        if loop is not None:
            loop.set_exception_handler(self._loop_handler)

    def uninstall(self, loop: asyncio.AbstractEventLoop | None = None) -> None:
        sys.excepthook = self._previous_hook
        threading.excepthook = self._previous_thread_hook
        self._loop = None
        if loop is not None:
            loop.set_exception_handler(None)

    def report(self, exc: BaseException, where: str = "") -> None:
        """Log with the traceback, show one line; used for failed tasks too."""
        self.count += 1
        text = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
        log.error("unexpected error%s:\n%s", f" in {where}" if where else "", text)
        line = f"{type(exc).__name__}: {exc}"
        if threading.current_thread() is not threading.main_thread():
            if self._loop is not None:
                with contextlib.suppress(RuntimeError):  # the loop closed: logged is all
                    self._loop.call_soon_threadsafe(self._show_line, line)
            return
        self._show_line(line)

    def _show_line(self, line: str) -> None:
        if self._showing:
            return  # an error inside the message box itself must not recurse
        self._showing = True
        try:
            self._show(line)
        except Exception:
            log.exception("could not show the error")
        finally:
            self._showing = False

    def _excepthook(
        self, kind: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            self._previous_hook(kind, exc, tb)
            return
        self.report(exc.with_traceback(tb), "the interface")

    def _thread_hook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            self.report(args.exc_value, f"thread {args.thread.name if args.thread else '?'}")

    def _loop_handler(self, loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        exc = context.get("exception")
        if isinstance(exc, BaseException):
            self.report(exc, str(context.get("message", "a task")))
        else:
            log.error("event loop: %s", context.get("message"))
