"""What a user checks after the agent's app quit during a call: the kiosk's
account (a real kiosk process, ``agentdesk kiosk --json``) and the
switchboard's (its supervisor API: the call's history, the agent's state)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.support.kiosk import KioskProcess, start_kiosk
from tests.support.switchboard import Provisioned, SwitchboardProcess, http_json, login


async def resident_calling(
    sb: SwitchboardProcess, accounts: Provisioned, tmp_path: Path, scan: Path
) -> KioskProcess:
    """The kiosk at Murat calls the CAF and sends ``scan`` once connected."""
    return await start_kiosk(
        sb.url, "pvp-murat", accounts.kiosk_tokens["pvp-murat"],
        "--service", "CAF", "--reason", "Prime d'activité", "--send", str(scan),
        "--print-dir", str(tmp_path / "prints"), log_path=tmp_path / "kiosk.log",
    )  # fmt: skip


async def how_it_ended(kiosk: KioskProcess, call_id: str, after: int) -> str:
    """What the resident was told after the kiosk's event number ``after``:
    the call ended (its ``end_reason``: ``agent_hung_up``), or ``requeued``:
    the call back in the queue once the switchboard gave up on the agent,
    after their grace period."""
    from tests.ui.real_app import until

    def told() -> dict[str, Any] | None:
        for event in kiosk.events[after:]:
            if event.get("call_id") == call_id and event["event"] in ("ended", "position"):
                return event
        return None

    await until(lambda: told() is not None, what=f"the kiosk told: {kiosk.events[after:]}")
    event = told()
    assert event is not None
    return str(event.get("end_reason")) if event["event"] == "ended" else "requeued"


async def call_record(sb: SwitchboardProcess, call_id: str) -> dict[str, Any]:
    """The call as the switchboard's history keeps it (GET /api/v1/calls)."""
    sup = await login(sb, "sup.caf")
    status, body = await http_json(sb, "GET", "/api/v1/calls", token=sup["access_token"])
    assert status == 200, body
    (record,) = [c for c in body["calls"] if c["call"]["call_id"] == call_id]
    return dict(record)


async def agent_state(sb: SwitchboardProcess, agent: str) -> str:
    """The agent's state as the supervisors see it (GET /api/v1/queues)."""
    sup = await login(sb, "sup.caf")
    status, body = await http_json(sb, "GET", "/api/v1/queues", token=sup["access_token"])
    assert status == 200, body
    states = {a["state"] for q in body["queues"] for a in q["agents"] if a["login"] == agent}
    assert len(states) == 1, states
    return states.pop()


def events_of(record: dict[str, Any]) -> list[str]:
    return [e["event"] for e in record["events"]]
