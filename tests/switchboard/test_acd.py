"""The queue rules alone (agentdesk.switchboard.acd: pure logic, no I/O)."""

from __future__ import annotations

import pytest

from agentdesk.switchboard.acd import Acd, Rank, Waiting


def waiting(call_id: str, arrival: float, seq: int, service: str = "CAF",
            rank: Rank = Rank.WALK_IN) -> Waiting:  # fmt: skip
    return Waiting(call_id, service, rank, arrival, seq)


def ids(acd: Acd, service: str = "CAF") -> list[str]:
    return [w.call_id for w in acd.waiting(service)]


def test_order_is_rank_then_arrival_then_sequence() -> None:
    acd = Acd()
    acd.add(waiting("walk-late", 20.0, 3))
    acd.add(waiting("walk-early", 10.0, 1))
    acd.add(waiting("walk-same-time", 10.0, 2))
    acd.add(waiting("appointment", 30.0, 4, rank=Rank.APPOINTMENT))
    acd.add(waiting("interrupted", 40.0, 5, rank=Rank.INTERRUPTED))
    assert ids(acd) == ["interrupted", "appointment", "walk-early", "walk-same-time", "walk-late"]
    assert [acd.position(i) for i in ids(acd)] == [1, 2, 3, 4, 5]


def test_remove_and_positions() -> None:
    acd = Acd()
    for n in range(5):
        acd.add(waiting(f"c{n}", float(n), n))
    assert acd.remove("c1") is not None
    assert acd.remove("c1") is None
    assert acd.position("c4") == 4
    assert len(acd) == 4 and "c1" not in acd
    with pytest.raises(ValueError):
        acd.add(waiting("c0", 0.0, 0))


def test_move_to_another_service_keeps_the_arrival_time() -> None:
    acd = Acd()
    acd.add(waiting("old", 5.0, 1))
    acd.add(waiting("cpam-later", 8.0, 2, service="CPAM"))
    acd.add(waiting("cpam-earlier", 1.0, 3, service="CPAM"))
    moved = acd.move("old", "CPAM", Rank.WALK_IN)
    assert moved.arrival == 5.0
    assert ids(acd, "CPAM") == ["cpam-earlier", "old", "cpam-later"]
    assert ids(acd) == []


def test_match_gives_each_call_to_the_longest_idle_ready_agent() -> None:
    acd = Acd()
    acd.add(waiting("first", 1.0, 1))
    acd.add(waiting("second", 2.0, 2))
    acd.add(waiting("third", 3.0, 3))
    acd.set_seat("recent", frozenset({"CAF"}), ready=True, idle_since=50.0)
    acd.set_seat("longest", frozenset({"CAF"}), ready=True, idle_since=10.0)
    acd.set_seat("paused", frozenset({"CAF"}), ready=False, idle_since=1.0)
    offers = [(w.call_id, login) for w, login in acd.match()]
    assert offers == [("first", "longest"), ("second", "recent")]


def test_offered_held_and_declined_calls_are_skipped() -> None:
    acd = Acd()
    acd.add(waiting("ringing", 1.0, 1))
    acd.add(waiting("kiosk-away", 2.0, 2))
    acd.add(waiting("declined", 3.0, 3))
    acd.add(waiting("free", 4.0, 4))
    acd.set_offer("ringing", "someone")
    acd.hold("kiosk-away", True)
    acd.set_offer("declined", "agent")
    acd.clear_offer("declined", declined=True)
    acd.set_seat("agent", frozenset({"CAF"}), ready=True, idle_since=0.0)
    assert [(w.call_id, a) for w, a in acd.match()] == [("free", "agent")]
    # A missed offer (not declined) leaves the call offerable to the same agent.
    acd.clear_offer("ringing")
    assert [(w.call_id, a) for w, a in acd.match()] == [("ringing", "agent")]
    assert ids(acd) == ["ringing", "kiosk-away", "declined", "free"]


def test_match_respects_services_and_crosses_queues_in_arrival_order() -> None:
    acd = Acd()
    acd.add(waiting("caf", 5.0, 1))
    acd.add(waiting("cpam", 2.0, 2, service="CPAM"))
    acd.add(waiting("msa", 1.0, 3, service="MSA"))
    acd.set_seat("both", frozenset({"CAF", "CPAM"}), ready=True, idle_since=0.0)
    acd.set_seat("caf-only", frozenset({"CAF"}), ready=True, idle_since=5.0)
    assert sorted((w.call_id, a) for w, a in acd.match()) == [
        ("caf", "caf-only"), ("cpam", "both"),
    ]  # fmt: skip


def test_nothing_ready_means_no_offers_and_next_for_hand_picking() -> None:
    acd = Acd()
    assert acd.match() == []
    acd.add(waiting("b", 2.0, 2, service="CPAM"))
    acd.add(waiting("a", 3.0, 1))
    acd.set_seat("agent", frozenset({"CAF"}), ready=False, idle_since=0.0)
    assert acd.match() == []
    found = acd.next_for(["CAF", "CPAM"])
    assert found is not None and found.call_id == "b"
    acd.hold("b", True)
    found = acd.next_for(["CAF", "CPAM"])
    assert found is not None and found.call_id == "a"
    assert acd.next_for(["MSA"]) is None
