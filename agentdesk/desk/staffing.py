"""Where a call may be transferred: the services of the network with who
staffs them now (``list_staffing``), as the transfer dialog shows them."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Iterable

from agentdesk.protocol import AgentState, ListStaffing, ServiceStatus, Staffing

from .services import RequestFn

log = logging.getLogger(__name__)


@dataclasses.dataclass(frozen=True, slots=True)
class ColleagueChoice:
    """A colleague the agent may name in a transfer, as the dialog shows them."""

    handle: str
    """What ``transfer.agent`` names: not their login."""
    name: str
    state: AgentState


@dataclasses.dataclass(frozen=True, slots=True)
class TransferTarget:
    code: str
    name: str
    status: ServiceStatus | None
    colleagues: tuple[ColleagueChoice, ...] = ()
    own: bool = False
    """The call's own service: only a named colleague moves the call there."""
    staffing_known: bool = True
    """False: the switchboard did not say who staffs it (an older one, or unreachable)."""

    @property
    def staffed(self) -> bool:
        return bool(self.colleagues)


async def fetch_targets(
    request: RequestFn, call_id: str | None, own: str | None
) -> list[TransferTarget] | None:
    """Every service of the network with who staffs it; None when the
    switchboard does not answer with a ``staffing`` (the dialog falls back to
    the services it knows, without names)."""
    try:
        reply = await request(ListStaffing(call_id=call_id))
    except Exception as exc:  # the dialog says it could not learn who is there
        log.warning("staffing not received: %s", exc)
        return None
    if not isinstance(reply, Staffing):
        return None
    targets = [
        TransferTarget(
            code=service.service,
            name=service.name,
            status=service.status,
            colleagues=tuple(
                ColleagueChoice(c.agent, c.display_name, c.state) for c in service.agents
            ),
            own=service.service == own,
        )
        for service in reply.services
    ]
    return sorted(targets, key=lambda t: (not t.own, t.name.casefold()))


def known_targets(
    codes: Iterable[str],
    name_of: Callable[[str], str],
    status_of: Callable[[str], ServiceStatus | None],
) -> list[TransferTarget]:
    """Without staffing: the other services the desk knows, by name."""
    return [
        TransferTarget(code=code, name=name_of(code), status=status_of(code), staffing_known=False)
        for code in codes
    ]
