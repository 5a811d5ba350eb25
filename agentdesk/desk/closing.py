"""What becomes of the agent's call when the app closes: the « Quit » answer,
or the desktop session ending (SIGTERM), while the connection still stands.

Left to the connection's close, the switchboard would see an agent lost: the
resident would wait out the agent's grace period, then go back to the head of
the queue, and the call's record would say « interrupted ».  So, before the
connection closes, the desk ends its part as the agent would have: a ringing
call is declined (offered to the next agent at once), a call is hung up (the
kiosk is told the agent hung up), and the wrap-up is finished with what the
agent chose and wrote (an unfinished wrap-up would keep the agent « in
wrap-up » on the switchboard until their next sign-in, its time counted).
And the agent goes offline: asked before the wrap-up's end, so no call is
offered between that end and the connection's.

Everything within a bound, so a switchboard that does not answer never keeps
the app from exiting; then the call's documents are purged, whatever the
switchboard said: only what the agent saved is kept."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

from agentdesk.protocol import ErrorReason

from .errors import ActionRejected, DeskError
from .model import Desk
from .reaching import until
from .state import DeskState

log = logging.getLogger(__name__)

END_ON_CLOSE_S = 2.0
"""How long closing waits for the switchboard to take the call's end."""

WrapUpAsItStands = Callable[[], tuple[str | None, str | None]]
"""The outcome the agent chose (None: none chosen) and the note they wrote."""


def _nothing_written() -> tuple[str | None, str | None]:
    return None, None


async def end_on_close(
    desk: Desk,
    wrap_up: WrapUpAsItStands = _nothing_written,
    within: float = END_ON_CLOSE_S,
) -> None:
    """Ends the call of the moment on the switchboard, as described above.
    A step refused or not answered in time is logged: closing goes on."""
    try:
        async with asyncio.timeout(within):
            await _end(desk, wrap_up)
    except (DeskError, TimeoutError) as exc:
        log.warning("the call was not ended before closing (%s): %s", desk.state.value, exc)
    finally:
        desk.documents.wipe()


async def _end(desk: Desk, wrap_up: WrapUpAsItStands) -> None:
    offline = False
    while True:
        if desk.state is DeskState.OFFERED:
            # Again if the switchboard offers the next waiting call at once
            # (it does, to an agent back to available): declined too, it goes
            # to another agent rather than ringing here for nobody.
            await _decline(desk)
        elif desk.state is DeskState.IN_CALL:
            await _hang_up(desk)
        elif not offline and desk.state not in (DeskState.SIGNED_OUT, DeskState.OFFLINE):
            # Kept as the agent's choice: the next sign-in starts on a break
            # (offline comes back as paused), not ringing at once.
            try:
                await desk.go_offline()
            except ActionRejected as exc:
                if exc.reason != ErrorReason.CALL_RINGING.value:
                    raise
                # Offered before our word came: its offer is on its way.
                await until(desk, lambda: desk.state is DeskState.OFFERED)
                continue
            offline = True
        elif desk.state is DeskState.WRAP_UP:
            outcome, note = wrap_up()
            await desk.finish_wrap_up(outcome, note)
            return
        else:
            return


async def _hang_up(desk: Desk) -> None:
    try:
        # The same request as the « Quit » answer's, if that one is on its way.
        await desk.hang_up()
    except ActionRejected as exc:
        if exc.reason != ErrorReason.NOT_IN_CALL.value:
            raise
        # The resident hung up first: the wrap-up's news is on its way.
    await until(desk, lambda: desk.state is not DeskState.IN_CALL)


async def _decline(desk: Desk) -> None:
    offer = desk.offer
    await desk.decline()
    await until(desk, lambda: desk.offer is not offer)
