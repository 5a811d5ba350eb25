"""The admin commands and ``serve`` options, as an administrator runs them."""

from __future__ import annotations

import datetime as dt
import json
import ssl
import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import aiohttp
import pytest

from agentdesk.protocol import QueueCall, Queued
from tests.support.switchboard import (
    connect_agent,
    connect_kiosk,
    http_json,
    login,
    running_switchboard,
    start_switchboard,
)
from tests.support.tls import self_signed


def cli(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "agentdesk", "switchboard", *args],
        input=stdin, capture_output=True, text=True, timeout=60,
    )  # fmt: skip


async def test_admin_commands_create_working_accounts(tmp_path: Path) -> None:
    db = str(tmp_path / "sb.db")
    assert cli("add-agency", "caf", "CAF du Cantal", "--db", db).returncode == 0
    assert cli("add-service", "CAF", "Allocations", "--agency", "caf", "--db", db).returncode == 0
    done = cli("add-agent", "claire", "--name", "Claire D.", "--agency", "caf", "--services", "CAF",
               "--db", db, stdin="un-mot-de-passe\n")  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "un-mot-de-passe" not in done.stdout + done.stderr
    kiosk = cli("add-kiosk", "pvp-murat", "--name", "PVP Murat", "--commune", "Murat",
                "--lat", "45.11", "--lon", "2.87", "--db", db)  # fmt: skip
    token = kiosk.stdout.strip()
    assert kiosk.returncode == 0 and len(token) >= 40
    # Without an offset, --due is Paris time (the agencies' time).
    paris_now = dt.datetime.now(ZoneInfo("Europe/Paris")).replace(tzinfo=None)
    due = (paris_now + dt.timedelta(minutes=5)).isoformat(timespec="seconds")
    booked = cli(
        "add-appointment", "--service", "CAF", "--kiosk", "pvp-murat", "--due", due, "--db", db
    )
    assert booked.returncode == 0, booked.stderr
    appointment = booked.stdout.strip()

    listing = json.loads(cli("list", "--db", db).stdout)
    assert listing["agents"] == [{"login": "claire", "display_name": "Claire D.", "agency": "caf",
                                  "role": "agent", "services": ["CAF"]}]  # fmt: skip
    assert listing["kiosks"][0]["commune"] == "Murat" and token not in json.dumps(listing)
    assert listing["appointments"][0]["id"] == appointment

    # Errors are sentences, not tracebacks.
    dup = cli("add-agency", "caf", "again", "--db", db)
    assert dup.returncode == 1 and "already exists" in dup.stderr and "Traceback" not in dup.stderr
    bad = cli(
        "add-agent", "x", "--name", "X", "--agency", "nope", "--db", db, stdin="long-enough\n"
    )
    assert bad.returncode == 1 and "no agency" in bad.stderr
    short = cli("add-agent", "y", "--name", "Y", "--agency", "caf", "--db", db, stdin="short\n")
    assert short.returncode == 1 and "8 characters" in short.stderr
    assert cli("add-agent", "z", "--password", "p", "--db", db).returncode == 2  # no such option

    async with running_switchboard(Path(db)) as sb:
        agent, _ = await connect_agent(sb, "claire", "un-mot-de-passe")
        kiosk_client, _ = await connect_kiosk(sb, "pvp-murat", token)
        try:
            reply = await kiosk_client.request(QueueCall(service="CAF", appointment_id=appointment))
            assert isinstance(reply, Queued) and reply.call.appointment_due
        finally:
            await kiosk_client.close()
            await agent.close()


async def test_seed_demo_prints_usable_accounts_and_fresh_tokens(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    first = cli("seed-demo", "--db", str(db), "--json")
    assert first.returncode == 0, first.stderr
    data = json.loads(first.stdout)
    assert {a["id"] for a in data["agencies"]} >= {"caf-cantal", "msa-auvergne"}
    assert {s["code"] for s in data["services"]} == {"CAF", "MSA", "CPAM", "UDAF"}
    communes = {k["commune"] for k in data["kiosks"]}
    assert {"Murat", "Riom-ès-Montagnes", "Maurs", "Chaudes-Aigues"} <= communes
    assert all(44.6 < k["lat"] < 45.5 and 2.0 < k["lon"] < 3.3 for k in data["kiosks"])
    roles = {a["role"] for a in data["accounts"]}
    assert roles == {"agent", "supervisor"}
    second = json.loads(cli("seed-demo", "--db", str(db), "--json").stdout)
    old = {k["id"]: k["token"] for k in data["kiosks"]}
    new = {k["id"]: k["token"] for k in second["kiosks"]}
    assert old.keys() == new.keys() and all(old[k] != new[k] for k in old)

    async with running_switchboard(db) as sb:
        account = next(a for a in data["accounts"] if a["role"] == "supervisor")
        tokens = await login(sb, account["login"], account["password"])
        status, _ = await http_json(sb, "GET", "/api/v1/queues", token=tokens["access_token"])
        assert status == 200
        kiosk = second["kiosks"][0]
        client, _ = await connect_kiosk(sb, kiosk["id"], kiosk["token"])
        await client.close()
        with pytest.raises(AssertionError):
            await connect_kiosk(sb, kiosk["id"], old[kiosk["id"]])


def test_plain_ws_on_a_public_address_is_refused(tmp_path: Path) -> None:
    done = cli("serve", "--db", str(tmp_path / "x.db"), "--host", "0.0.0.0", "--port", "0")
    assert done.returncode == 2 and "--insecure" in done.stderr and done.stdout == ""
    half = cli("serve", "--db", str(tmp_path / "x.db"), "--tls-cert", "c.pem", "--port", "0")
    assert half.returncode == 2 and "--tls-key" in half.stderr


async def test_insecure_allows_plain_ws_on_any_address(tmp_path: Path) -> None:
    sb = await start_switchboard(tmp_path / "x.db", "--insecure", host="0.0.0.0")
    try:
        assert sb.url == f"ws://0.0.0.0:{sb.port}/api/v1/ws" and sb.port > 0
    finally:
        assert await sb.stop() == 0


async def test_tls_serves_wss_and_https(tmp_path: Path) -> None:
    """A self-signed certificate made for the test (tests/support/tls.py)."""
    cert_path, key_path = self_signed(tmp_path)
    sb = await start_switchboard(tmp_path / "tls.db", "--tls-cert", str(cert_path),
                                 "--tls-key", str(key_path))  # fmt: skip
    try:
        assert sb.url.startswith("wss://127.0.0.1:") and sb.http.startswith("https://")
        context = ssl.create_default_context(cafile=str(cert_path))
        async with aiohttp.ClientSession() as session:
            async with session.get(sb.http + "/healthz", ssl=context) as response:
                assert response.status == 200
            async with session.ws_connect(sb.url, ssl=context) as ws:
                await ws.send_str('{"type": "subscribe", "id": "x"}')
                reply = json.loads((await ws.receive()).data)
                assert reply["code"] == "unauthorized"
    finally:
        await sb.stop()


async def test_ice_servers_reach_every_client(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """STUN/TURN for sites behind NAT: given to the switchboard once, handed to
    kiosks and agents in ``welcome``; the TURN secret comes from the environment."""
    from tests.support.switchboard import provision

    db = tmp_path / "x.db"
    accounts = provision(db)
    monkeypatch.setenv("AGENTDESK_TURN_USERNAME", "pvp")
    monkeypatch.setenv("AGENTDESK_TURN_PASSWORD", "s3cret")
    async with running_switchboard(
        db, "--ice-server", "stun:stun.cantal.example:3478",
        "--ice-server", "turns:turn.cantal.example:5349",
    ) as sb:  # fmt: skip
        kiosk, welcome = await connect_kiosk(sb, "pvp-murat", accounts.kiosk_tokens["pvp-murat"])
        await kiosk.close()
        agent, agent_welcome = await connect_agent(sb, "agent.caf")
        await agent.close()
    for hello in (welcome, agent_welcome):
        [stun, turn] = hello.ice_servers
        assert stun.urls == ["stun:stun.cantal.example:3478"] and stun.credential is None
        assert turn.urls == ["turns:turn.cantal.example:5349"]
        assert (turn.username, turn.credential) == ("pvp", "s3cret")
    # The secret is not written in the switchboard's log.
    assert "s3cret" not in sb.log_path.read_text()


def test_bad_ice_servers_are_refused_with_a_sentence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = str(tmp_path / "x.db")
    done = cli("serve", "--db", db, "--port", "0", "--ice-server", "http://stun.example")
    assert done.returncode == 1 and "--ice-server" in done.stderr and done.stdout == ""
    monkeypatch.delenv("AGENTDESK_TURN_PASSWORD", raising=False)
    done = cli("serve", "--db", db, "--port", "0", "--ice-server", "turn:turn.example:3478")
    assert done.returncode == 1 and "AGENTDESK_TURN_PASSWORD" in done.stderr
