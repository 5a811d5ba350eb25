"""Only a supervisor reads the figures, and only those of their own agency:
the switchboard refuses the rest (real process, real HTTP)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from agentdesk.client import login
from agentdesk.supervision import Problem, SupervisionError
from agentdesk.supervision.api import SupervisorApi, TokenKeeper
from tests.support.switchboard import PASSWORD, http_json

from .conftest import Board, World


async def token(board: Board, user: str) -> str:
    return (await login(board.http, user, PASSWORD)).access_token


async def test_agents_get_403_and_supervisors_only_their_agency(
    world: World, switchboard: Board
) -> None:
    agent = await token(switchboard, "agent.caf")
    sup = await token(switchboard, "sup.caf")
    for method, path, body in [
        ("GET", "/api/v1/figures?since=2025-03-01&until=2025-04-01", None),
        ("GET", "/api/v1/agency", None),
        ("PUT", "/api/v1/agency/settings", {"alert_wait_s": 60}),
    ]:
        status, reply = await http_json(switchboard, method, path, body, token=agent)
        assert (status, reply["code"]) == (403, "forbidden"), path
        status, reply = await http_json(switchboard, method, path, body)
        assert (status, reply["code"]) == (401, "unauthorized"), path
    # Another agency's service or name: refused, not silently emptied.
    for query in ("service=MSA", "agency=msa"):
        status, reply = await http_json(switchboard, "GET", f"/api/v1/figures?{query}", token=sup)
        assert (status, reply["code"]) == (403, "forbidden"), query
    status, reply = await http_json(switchboard, "GET", "/api/v1/figures?service=NOPE", token=sup)
    assert (status, reply["code"]) == (404, "not_found")
    # The MSA supervisor's month holds MSA calls only; the CAF one's none of them.
    sup_msa = await token(switchboard, "sup.msa")
    since, until = "2025-03-01", "2025-05-01"
    _, msa = await http_json(
        switchboard, "GET", f"/api/v1/figures?since={since}&until={until}", token=sup_msa
    )
    _, caf = await http_json(
        switchboard, "GET", f"/api/v1/figures?since={since}&until={until}", token=sup
    )
    assert [r["key"] for r in msa["by_service"]] == ["MSA"]
    assert {r["key"] for r in caf["by_service"]} == {"CAF", "CPAM"}
    assert msa["total"]["offered"] == sum(1 for s in world.specs if s.service == "MSA")
    assert msa["offices"] == [] and len(caf["offices"]) == 3


async def test_bad_periods_and_settings_get_a_clear_400(switchboard: Board) -> None:
    sup = await token(switchboard, "sup.caf")
    for query in ("since=last-week", "since=2025-03-02&until=2025-03-01",
                  "since=2020-01-01&until=2025-01-01"):  # fmt: skip
        status, reply = await http_json(switchboard, "GET", f"/api/v1/figures?{query}", token=sup)
        assert (status, reply["code"]) == (400, "bad_message"), query
        assert reply["message"]
    for body in ({"alert_wait_s": -5}, {"road_factor": 12}, {"emission_kg_per_km": "x"}):
        status, reply = await http_json(
            switchboard, "PUT", "/api/v1/agency/settings", body, token=sup
        )
        assert (status, reply["code"]) == (400, "bad_message"), body
    status, reply = await http_json(
        switchboard, "PUT", "/api/v1/agency/settings", {"target_wait_s": 240}, token=sup
    )
    assert status == 200 and reply["settings"]["target_wait_s"] == 240
    # Untouched: its default, the default target of 5 minutes.
    assert reply["settings"]["alert_wait_s"] == 300
    # The switchboard is still up and serving.
    status, _ = await http_json(switchboard, "GET", "/healthz")
    assert status == 200


async def test_the_client_reports_refusals_by_name(switchboard: Board) -> None:
    tokens = await login(switchboard.http, "agent.caf", PASSWORD)
    api = SupervisorApi(
        TokenKeeper(switchboard.http, tokens.access_token, tokens.refresh_token, tokens.expires_in)
    )
    try:
        with pytest.raises(SupervisionError) as refused:
            await api.figures(0.0, 86400.0)
        assert refused.value.problem is Problem.FORBIDDEN
    finally:
        await api.aclose()
    # An expired access token is renewed once with the refresh token.
    tokens = await login(switchboard.http, "sup.caf", PASSWORD)
    keeper = TokenKeeper(switchboard.http, "expired-token", tokens.refresh_token, 900.0)
    api = SupervisorApi(keeper)
    try:
        agency = await api.agency()
        assert agency.agency == "caf" and agency.services == ["CAF", "CPAM"]
        assert await keeper.access() != "expired-token"
    finally:
        await api.aclose()
    # Nobody listening: unreachable, not a traceback.
    api = SupervisorApi(TokenKeeper("http://127.0.0.1:9", "t", "r", 900.0), timeout_s=5.0)
    try:
        with pytest.raises(SupervisionError) as gone:
            await api.agency()
        assert gone.value.problem in (Problem.UNREACHABLE, Problem.UNAUTHORIZED)
    finally:
        await api.aclose()


def test_admin_adds_offices_and_sets_the_agency(tmp_path: Path) -> None:
    from tests.support.switchboard import provision

    db = tmp_path / "sb.db"
    provision(db)

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "agentdesk", "switchboard", *args, "--db", str(db)],
            capture_output=True, text=True, timeout=60, check=False,
        )  # fmt: skip

    done = cli("add-office", "caf-aurillac", "--agency", "caf", "--name", "Accueil CAF",
               "--commune", "Aurillac", "--lat", "44.9264", "--lon", "2.4397")  # fmt: skip
    assert done.returncode == 0, done.stderr
    again = cli("add-office", "caf-aurillac", "--agency", "caf", "--name", "x",
                "--commune", "x", "--lat", "1", "--lon", "1")  # fmt: skip
    assert (
        again.returncode == 1
        and "already exists" in again.stderr
        and "Traceback" not in again.stderr
    )
    bad = cli("add-office", "o2", "--agency", "caf", "--name", "x", "--commune", "x",
              "--lat", "95", "--lon", "1")  # fmt: skip
    assert bad.returncode == 1 and "coordinates" in bad.stderr
    done = cli("set-agency", "caf", "--alert-wait", "900", "--emission", "0.19")
    assert done.returncode == 0, done.stderr
    assert '"alert_wait_s":900.0' in done.stdout and '"emission_kg_per_km":0.19' in done.stdout
    bad = cli("set-agency", "caf", "--road-factor", "9")
    assert bad.returncode == 1 and "bad setting" in bad.stderr
    listing = cli("list")
    assert "caf-aurillac" in listing.stdout


def test_demo_seed_has_the_cantal_offices(tmp_path: Path) -> None:
    from agentdesk.switchboard.seed import seed_demo
    from agentdesk.switchboard.store import Store

    seed_demo(tmp_path / "demo.db")
    seed_demo(tmp_path / "demo.db")  # again: nothing doubled
    store = Store(tmp_path / "demo.db")
    try:
        assert [o.commune for o in store.offices("caf-cantal")] == [
            "Aurillac",
            "Mauriac",
            "Saint-Flour",
        ]
    finally:
        store.close()
