"""Running the desk's async actions from button clicks."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import Any

from agentdesk.desk import DeskError, TaskOwner

from . import texts

log = logging.getLogger(__name__)


class ActionRunner:
    """Starts an action as a task it owns.  A DeskError (refused step, server
    error, connection lost) becomes a sentence for the agent; anything else is
    a bug and goes to the crash guard."""

    def __init__(
        self,
        tell: Callable[[str], None],
        on_bug: Callable[[BaseException], None],
        loop: asyncio.AbstractEventLoop | None = None,
    ) -> None:
        self._tell = tell
        self._on_bug = on_bug
        self._tasks = TaskOwner(self.report, loop)

    def run(self, coro: Coroutine[Any, Any, Any], name: str = "action") -> asyncio.Task[Any]:
        return self._tasks.spawn(coro, name)

    def report(self, exc: BaseException) -> None:
        """How an action that failed is told: also for the ones the desk does
        by itself (the duty keeper's)."""
        if isinstance(exc, DeskError):
            log.info("action refused: %s", exc)
            self._tell(texts.error_text(exc))
        else:
            self._on_bug(exc)

    def __len__(self) -> int:
        return len(self._tasks)

    async def aclose(self) -> None:
        await self._tasks.aclose()
