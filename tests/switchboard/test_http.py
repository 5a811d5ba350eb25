"""Login, tokens and the supervisor's API, over real HTTP."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from agentdesk.protocol import (
    AgentState,
    CallState,
    CallUpdate,
    FeedEvent,
    FinishWrapUp,
    Hangup,
    Hello,
    LeaveQueue,
    MediaConnected,
    Offered,
    QueueSnapshot,
    Role,
    SetPresence,
    Subscribe,
    TakeCall,
    Welcome,
)
from tests.support.switchboard import PASSWORD, http_json, login, login_status, open_ws

from .conftest import Joiner
from .test_call_flow import queue


async def test_login_refresh_logout(sb) -> None:
    status, body = await http_json(
        sb, "POST", "/api/v1/login", {"login": "agent.caf", "password": "bad"}
    )
    assert status == 401 and body["code"] == "unauthorized"
    status, body = await http_json(
        sb, "POST", "/api/v1/login", {"login": "nobody", "password": "x"}
    )
    assert status == 401
    tokens = await login(sb, "agent.caf")
    assert tokens["role"] == "agent" and tokens["agency"] == "caf" and tokens["services"] == ["CAF"]
    assert tokens["expires_in"] == 900

    status, fresh = await http_json(sb, "POST", "/api/v1/refresh",
                                    {"refresh_token": tokens["refresh_token"]})  # fmt: skip
    assert status == 200 and fresh["refresh_token"] != tokens["refresh_token"]
    client = await open_ws(sb)
    try:
        welcome = await client.request(Hello(role=Role.AGENT, token=fresh["access_token"]))
        assert isinstance(welcome, Welcome)
    finally:
        await client.close()
    status, _ = await http_json(
        sb, "POST", "/api/v1/logout", {"refresh_token": fresh["refresh_token"]}
    )
    assert status == 200
    status, _ = await http_json(
        sb, "POST", "/api/v1/refresh", {"refresh_token": fresh["refresh_token"]}
    )
    assert status == 401
    # Rotation: the first refresh token was spent (test_accounts: replaying
    # one revokes its whole sign-in).
    status, _ = await http_json(
        sb, "POST", "/api/v1/refresh", {"refresh_token": tokens["refresh_token"]}
    )
    assert status == 401


async def test_password_guessing_is_throttled_without_locking_the_user_out(sb) -> None:
    # One source guessing one account: stopped after 5 failures...
    statuses = [
        await login_status(sb, "agent.msa", f"guess-{i}", source="127.0.0.1") for i in range(7)
    ]
    assert statuses == [401] * 5 + [429] * 2
    # ...while the real user, at their own desk, signs in.
    assert await login_status(sb, "agent.msa", PASSWORD, source="127.0.0.2") == 200
    # One source guessing one password on many accounts: stopped after 20.
    statuses = [
        await login_status(sb, f"user{i}", "Azerty123", source="127.0.0.3") for i in range(25)
    ]
    assert statuses == [401] * 20 + [429] * 5
    assert await login_status(sb, "agent.caf", PASSWORD, source="127.0.0.3") == 429
    assert await login_status(sb, "agent.caf", PASSWORD, source="127.0.0.4") == 200
    # Failures are logged without the password.
    text = sb.log_path.read_text()
    assert "login_failed" in text and "guess-" not in text and "Azerty123" not in text


async def test_supervisor_api_needs_a_supervisor_token(sb) -> None:
    for path in ("/api/v1/queues", "/api/v1/calls", "/api/v1/stats"):
        status, body = await http_json(sb, "GET", path)
        assert status == 401 and body["code"] == "unauthorized"
        status, _ = await http_json(sb, "GET", path, token="v1.bogus.sig")
        assert status == 401
        agent = await login(sb, "agent.caf")
        status, body = await http_json(sb, "GET", path, token=agent["access_token"])
        assert status == 403 and body["code"] == "forbidden"
    status, body = await http_json(sb, "GET", "/healthz")
    assert status == 200 and body["status"] == "ok"


async def test_a_supervisor_sees_only_their_agency(sb, join: Joiner) -> None:
    caf_kiosk, _ = await join(sb, "pvp-murat")
    msa_kiosk, _ = await join(sb, "pvp-riom")
    caf_call = (await queue(caf_kiosk, reason="APL")).call.call_id
    msa_call = (await queue(msa_kiosk, service="MSA")).call.call_id
    agent, _ = await join(sb, "agent.caf")
    await agent.request(SetPresence(state=AgentState.PAUSED, reason="formation"))

    sup = (await login(sb, "sup.msa"))["access_token"]
    status, body = await http_json(sb, "GET", "/api/v1/queues", token=sup)
    assert status == 200 and body["agency"] == "msa"
    assert [q["service"] for q in body["queues"]] == ["MSA"]
    assert [c["call_id"] for c in body["queues"][0]["waiting"]] == [msa_call]
    assert [a["login"] for a in body["queues"][0]["agents"]] == ["agent.msa"]
    _, body = await http_json(sb, "GET", "/api/v1/calls", token=sup)
    assert [c["call"]["call_id"] for c in body["calls"]] == [msa_call]
    _, body = await http_json(sb, "GET", "/api/v1/stats", token=sup)
    assert body["calls"] == 1 and body["per_service"] == {"MSA": 1}

    sup = (await login(sb, "sup.caf"))["access_token"]
    _, body = await http_json(sb, "GET", "/api/v1/queues", token=sup)
    (caf,) = [q for q in body["queues"] if q["service"] == "CAF"]
    waiting = caf["waiting"][0]
    assert waiting["call_id"] == caf_call and waiting["commune"] == "Murat"
    assert waiting["reason"] == "APL" and waiting["waited_s"] >= 0
    agents = {a["login"]: a for a in caf["agents"]}
    assert agents["agent.caf"]["state"] == "paused" and agents["agent.caf"]["reason"] == "formation"
    assert agents["agent2.caf"]["state"] == "offline"
    assert msa_call not in str(body)


async def test_history_window_and_day_stats(sb, join: Joiner) -> None:
    agent, _ = await join(sb, "agent.caf")
    served, _ = await join(sb, "pvp-murat")
    left, _ = await join(sb, "pvp-riom")
    call_id = (await queue(served)).call.call_id
    gone = (await queue(left)).call.call_id
    await agent.request(TakeCall(call_id=call_id))
    await served.request(MediaConnected(call_id=call_id))
    await served.next(CallUpdate, lambda m: m.call.state is CallState.CONNECTED)
    await agent.request(Hangup(call_id=call_id))
    await agent.request(FinishWrapUp(call_id=call_id))
    await left.request(LeaveQueue(call_id=gone))

    sup = (await login(sb, "sup.caf"))["access_token"]
    today = dt.datetime.now(ZoneInfo("Europe/Paris")).date()
    status, stats = await http_json(sb, "GET", f"/api/v1/stats?day={today.isoformat()}", token=sup)
    assert status == 200
    assert (stats["calls"], stats["answered"], stats["abandoned"]) == (2, 1, 1)
    assert stats["longest_wait_s"] >= stats["mean_wait_s"] >= 0
    assert stats["mean_call_s"] is not None and stats["mean_call_s"] >= 0
    _, other_day = await http_json(sb, "GET", "/api/v1/stats?day=2020-01-01", token=sup)
    assert other_day["calls"] == 0 and other_day["mean_wait_s"] is None
    status, body = await http_json(sb, "GET", "/api/v1/stats?day=yesterday", token=sup)
    assert status == 400 and body["code"] == "bad_message"

    month_ago = (today - dt.timedelta(days=30)).isoformat()
    _, body = await http_json(sb, "GET", f"/api/v1/calls?since={month_ago}T00:00:00Z", token=sup)
    assert {c["call"]["call_id"] for c in body["calls"]} == {call_id, gone}
    _, body = await http_json(sb, "GET", "/api/v1/calls?since=0&until=1000", token=sup)
    assert body["calls"] == []
    status, _ = await http_json(sb, "GET", "/api/v1/calls?since=last-week", token=sup)
    assert status == 400


async def test_supervisor_feed_over_websocket(sb, join: Joiner) -> None:
    sup, _ = await join(sb, "sup.caf")
    await sup.request(Subscribe())
    snapshot = await sup.next(QueueSnapshot)
    assert {q.service for q in snapshot.queues} == {"CAF", "CPAM"}
    assert any(a.login == "agent.caf" for q in snapshot.queues for a in q.agents)
    kiosk, _ = await join(sb, "pvp-murat")
    call_id = (await queue(kiosk)).call.call_id
    feed = await sup.next(FeedEvent, lambda m: m.call is not None)
    assert feed.call.call_id == call_id and feed.call_event == "queued"
    agent, _ = await join(sb, "agent.caf")
    await sup.next(FeedEvent, lambda m: m.agent is not None and m.agent.login == "agent.caf")
    # Another agency's supervisor hears nothing of it.
    other, _ = await join(sb, "sup.msa")
    await other.request(Subscribe())
    await other.next(QueueSnapshot)
    await agent.request(TakeCall(call_id=call_id))
    await sup.next(FeedEvent, lambda m: m.call_event == "connecting")
    assert all(f.call is None or f.call.service == "MSA" for f in other.unconsumed(FeedEvent))


async def test_metrics_count_the_offers_routed(sb, join: Joiner) -> None:
    """GET /api/v1/metrics: supervisors only; the routing histogram counts
    each offer the switchboard pushed to an agent."""
    agent_token = (await login(sb, "agent.caf"))["access_token"]
    status, _ = await http_json(sb, "GET", "/api/v1/metrics", token=agent_token)
    assert status == 403
    supervisor = (await login(sb, "sup.caf"))["access_token"]
    status, before = await http_json(sb, "GET", "/api/v1/metrics", token=supervisor)
    assert status == 200

    agent, _ = await join(sb, "agent.caf")
    await agent.request(SetPresence(state=AgentState.AVAILABLE, auto_answer=True))
    kiosk, _ = await join(sb, "pvp-murat")
    await queue(kiosk, "CAF")
    await agent.next(Offered)

    status, after = await http_json(sb, "GET", "/api/v1/metrics", token=supervisor)
    assert status == 200
    assert after["offers"] == before["offers"] + 1
    assert after["routing"]["count"] == before["routing"]["count"] + 1
    assert after["messages_in"] > before["messages_in"]
