"""The fleet side of the protocol (docs/protocol.md): ``rate_call`` once per
ended call of one's own kiosk, ``device_report`` kept with the kiosk's last
contact, ``GET /api/v1/kiosks`` for supervisors only, ``list-kiosks``, and the
ratings in the figures.  Real switchboard process, real WebSocket clients."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import time

from agentdesk.protocol import (
    AcceptOffer,
    CallState,
    CallUpdate,
    Hangup,
    MediaConnected,
    Offered,
)
from agentdesk.protocol.messages import DeviceReport, KioskDevice, RateCall, Satisfaction
from tests.support.switchboard import SwitchboardProcess, WsClient, http_json, login

from .conftest import Joiner, Starter
from .test_call_flow import available, queue


async def _a_call_that_took_place(sb: SwitchboardProcess, join: Joiner) -> tuple[str, WsClient]:
    agent, _ = await join(sb, "agent.caf")
    kiosk, _ = await join(sb, "pvp-murat")
    call_id = (await queue(kiosk)).call.call_id
    # Rating a call still going on is refused.
    await kiosk.expect_error(RateCall(call_id=call_id, rating=Satisfaction.GOOD), "conflict")
    await available(agent)
    await agent.next(Offered)
    await agent.request(AcceptOffer(call_id=call_id))
    await kiosk.request(MediaConnected(call_id=call_id))
    await agent.request(Hangup(call_id=call_id))
    await kiosk.next(CallUpdate, lambda m: m.call.state is CallState.WRAP_UP)
    return call_id, kiosk


async def test_a_resident_rates_their_call_once_and_the_figures_count_it(
    sb: SwitchboardProcess, join: Joiner
) -> None:
    call_id, kiosk = await _a_call_that_took_place(sb, join)
    other, _ = await join(sb, "pvp-riom")
    # Another kiosk cannot rate it, nor can anyone rate a call that does not exist.
    await other.expect_error(RateCall(call_id=call_id, rating=Satisfaction.BAD), "not_found")
    await other.expect_error(RateCall(call_id="c-nope", rating=Satisfaction.BAD), "not_found")
    await kiosk.request(RateCall(call_id=call_id, rating=Satisfaction.GOOD))
    await kiosk.expect_error(RateCall(call_id=call_id, rating=Satisfaction.BAD), "conflict")
    # A rating outside the three faces is a bad message.
    await kiosk.expect_error(
        {"type": "rate_call", "call_id": call_id, "rating": "excellent"}, "bad_message"
    )

    token = (await login(sb, "sup.caf"))["access_token"]
    now = time.time()
    status, figures = await http_json(
        sb, "GET", f"/api/v1/figures?since={now - 3600}&until={now + 60}", token=token
    )
    assert status == 200 and figures["satisfaction"] == {"good": 1}
    # Counted with the call's service and its kiosk's commune too.
    rated = ("rated_good", "rated_neutral", "rated_bad")
    by_service = {r["key"]: [r[k] for k in rated] for r in figures["by_service"]}
    by_commune = {r["key"]: [r[k] for k in rated] for r in figures["by_commune"]}
    assert by_service == {"CAF": [1, 0, 0]} and by_commune == {"Murat": [1, 0, 0]}
    assert [figures["total"][k] for k in rated] == [1, 0, 0]


async def test_device_reports_are_kept_and_shown_to_supervisors_and_operators(
    sb: SwitchboardProcess, join: Joiner
) -> None:
    kiosk, _ = await join(sb, "pvp-murat")
    await kiosk.request(
        DeviceReport(
            devices=[
                KioskDevice(device="camera", state="ready"),
                KioskDevice(device="printer", state="out_of_paper", detail="media-empty-error"),
            ]
        )
    )
    # Only known devices and states.
    await kiosk.expect_error(
        {"type": "device_report", "devices": [{"device": "toaster", "state": "ready"}]},
        "bad_message",
    )
    agent, _ = await join(sb, "agent.caf")
    await agent.expect_error(DeviceReport(devices=[]), "forbidden")

    token = (await login(sb, "sup.caf"))["access_token"]
    status, body = await http_json(sb, "GET", "/api/v1/kiosks", token=token)
    assert status == 200
    kiosks = {k["kiosk_id"]: k for k in body["kiosks"]}
    assert len(kiosks) == 6  # no permanence: the agency's services are open at every kiosk
    murat = kiosks["pvp-murat"]
    assert murat["online"] is True and murat["last_contact"] >= murat["since"]
    assert {"device": "printer", "state": "out_of_paper", "detail": "media-empty-error"} in (
        murat["devices"]
    )
    assert kiosks["pvp-riom"]["online"] is False and "since" not in kiosks["pvp-riom"]
    # No permanence at all: nothing to alert about.
    assert "alert" not in murat

    agent_token = (await login(sb, "agent.caf"))["access_token"]
    status, _ = await http_json(sb, "GET", "/api/v1/kiosks", token=agent_token)
    assert status == 403

    # The kiosk goes: offline since then, its last report kept.
    await kiosk.close()
    deadline = time.monotonic() + 10
    while (rows := await _list_kiosks(sb))["pvp-murat"]["online"]:
        assert time.monotonic() < deadline, rows["pvp-murat"]
        await asyncio.sleep(0.1)
    assert rows["pvp-murat"]["since"] >= murat["since"]
    assert rows["pvp-murat"]["devices"][1]["state"] == "out_of_paper"


async def _switchboard_cli(sb: SwitchboardProcess, *args: str) -> subprocess.CompletedProcess[str]:
    """``agentdesk switchboard ARGS --db DB``, as an operator runs it."""
    command = [sys.executable, "-m", "agentdesk", "switchboard", *args, "--db", str(sb.db)]
    return await asyncio.to_thread(subprocess.run, command, capture_output=True, text=True)


async def _list_kiosks(sb: SwitchboardProcess, *options: str) -> dict[str, dict[str, object]]:
    """``agentdesk switchboard list-kiosks --json``."""
    listed = await _switchboard_cli(sb, "list-kiosks", "--json", *options)
    assert listed.returncode == 0, listed.stderr
    return {k["kiosk_id"]: k for k in json.loads(listed.stdout)}


async def test_list_kiosks_of_one_agency_as_its_supervisors_see_them(
    sb: SwitchboardProcess,
) -> None:
    # MSA holds a weekly permanence at two kiosks; CAF has none: open everywhere.
    for weekday in ("monday", "thursday"):
        added = await _switchboard_cli(
            sb, "add-permanence", "--service", "MSA", "--weekday", weekday,
            "--start", "09:00", "--end", "12:00", "--kiosks", "pvp-murat,pvp-riom",
        )  # fmt: skip
        assert added.returncode == 0, added.stderr
    msa = await _list_kiosks(sb, "--agency", "msa")
    assert set(msa) == {"pvp-murat", "pvp-riom"}
    assert {k["next_service"] for k in msa.values()} == {"MSA"}
    assert len(await _list_kiosks(sb, "--agency", "caf")) == 6
    assert len(await _list_kiosks(sb)) == 6
    # The same kiosks as the agency's supervisors see in their view.
    token = (await login(sb, "sup.msa"))["access_token"]
    status, body = await http_json(sb, "GET", "/api/v1/kiosks", token=token)
    assert status == 200 and {k["kiosk_id"] for k in body["kiosks"]} == set(msa)

    # An agency that does not exist: said so, with the ones that do; nothing listed.
    unknown = await _switchboard_cli(sb, "list-kiosks", "--agency", "cpam")
    assert unknown.returncode == 1 and unknown.stdout == ""
    assert "no agency 'cpam' (agencies: caf, msa)" in unknown.stderr
    assert "Traceback" not in unknown.stderr


async def test_after_a_crash_no_kiosk_counts_as_online_until_it_comes_back(
    start: Starter, join: Joiner
) -> None:
    sb = await start()
    kiosk, _ = await join(sb, "pvp-murat")
    await kiosk.request(DeviceReport(devices=[KioskDevice(device="camera", state="ready")]))
    assert (await _list_kiosks(sb))["pvp-murat"]["online"] is True
    sb.kill()  # no chance to record the kiosk leaving
    await sb.proc.wait()
    sb = await start()
    rows = await _list_kiosks(sb)
    assert rows["pvp-murat"]["online"] is False
    assert rows["pvp-murat"]["devices"] == [{"device": "camera", "state": "ready"}]
