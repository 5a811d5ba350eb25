"""The calendar's admin commands as an operator runs them, and the upgrade of
a database written by the switchboard before permanences existed."""

from __future__ import annotations

import contextlib
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from agentdesk.protocol.schedule import AppointmentState
from agentdesk.switchboard.auth import hash_token
from agentdesk.switchboard.store import SCHEMA_VERSION, Store
from tests.support.switchboard import Provisioned


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "agentdesk", "switchboard", *args],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip


def test_permanences_closures_and_appointments_from_the_command_line(
    db: Path, accounts: Provisioned
) -> None:
    where = ("--db", str(db))
    added = cli("add-permanence", "--service", "CAF", "--weekday", "mardi", "--start", "09:00",
                "--end", "12:00", "--kiosks", "pvp-murat", "--agents", "agent.caf",
                *where)  # fmt: skip
    assert added.returncode == 0, added.stderr
    permanence_id = added.stdout.strip()
    listed = json.loads(cli("list-permanences", *where).stdout)
    assert listed == [
        {"permanence_id": permanence_id, "service": "CAF", "kiosk_ids": ["pvp-murat"],
         "weekday": 1, "start": "09:00", "end": "12:00", "agent_logins": ["agent.caf"]}
    ]  # fmt: skip

    overlap = cli("add-permanence", "--service", "CAF", "--date", "2025-12-02", "--start",
                  "11:00", "--end", "13:00", *where)  # fmt: skip
    assert overlap.returncode == 1 and "Traceback" not in overlap.stderr
    assert f"overlaps {permanence_id} (CAF, Tuesday 09:00-12:00 at pvp-murat)" in overlap.stderr
    backwards = cli("add-permanence", "--service", "CAF", "--weekday", "2", "--start", "12:00",
                    "--end", "10:00", *where)  # fmt: skip
    assert backwards.returncode == 1 and "must come after the start" in backwards.stderr
    nowhere = cli("add-permanence", "--service", "NOPE", "--weekday", "2", "--start", "10:00",
                  "--end", "11:00", *where)  # fmt: skip
    assert nowhere.returncode == 1 and "no service NOPE" in nowhere.stderr
    assert cli("add-permanence", "--service", "CAF", "--weekday", "someday", "--start", "10:00",
               "--end", "11:00", *where).returncode == 2  # fmt: skip

    closed = cli("add-closure", "--agency", "caf", "--from", "2025-12-09", "--label",
                 "Fermeture exceptionnelle", *where)  # fmt: skip
    assert closed.returncode == 0, closed.stderr
    assert json.loads(cli("list-closures", *where).stdout)[0]["label"] == "Fermeture exceptionnelle"
    refused = cli("book-appointment", "--service", "CAF", "--kiosk", "pvp-murat", "--at",
                  "2025-12-09T10:00", "--name", "Marie Dupont", *where)  # fmt: skip
    assert refused.returncode == 1
    assert "CAF is closed on 2025-12-09 (Fermeture exceptionnelle)" in refused.stderr
    assert cli("remove-closure", closed.stdout.strip(), *where).returncode == 0

    booked = cli("book-appointment", "--service", "CAF", "--kiosk", "pvp-murat", "--at",
                 "2025-12-09T10:00", "--name", "Marie Dupont", "--agent", "agent.caf",
                 "--purpose", "RSA", *where)  # fmt: skip
    assert booked.returncode == 0, booked.stderr
    appointment = json.loads(booked.stdout)
    assert len(appointment["code"]) == 6 and appointment["state"] == "booked"
    day = json.loads(cli("list-appointments", "--day", "2025-12-09", *where).stdout)
    assert [a["appointment_id"] for a in day] == [appointment["appointment_id"]]
    assert cli("list-appointments", "--day", "mardi", *where).returncode == 1
    assert cli("cancel-appointment", appointment["appointment_id"], *where).returncode == 0
    again = cli("cancel-appointment", appointment["appointment_id"], *where)
    assert again.returncode == 1 and "is cancelled" in again.stderr

    assert cli("remove-permanence", permanence_id, *where).returncode == 0
    gone = cli("remove-permanence", permanence_id, *where)
    assert gone.returncode == 1 and f"no permanence {permanence_id}" in gone.stderr


def test_the_test_clock_is_refused_off_loopback(db: Path) -> None:
    done = cli("serve", "--host", "0.0.0.0", "--port", "0", "--insecure", "--test-clock",
               "--db", str(db))  # fmt: skip
    assert done.returncode == 2
    assert "--test-clock is for tests: listen on a loopback address" in done.stderr
    alone = cli("serve", "--port", "0", "--test-clock-start", "1764662400", "--db", str(db))
    assert alone.returncode == 2 and "--test-clock-start goes with --test-clock" in alone.stderr


def _tables(db: Path) -> dict[str, list[tuple[str, str, int, object]]]:
    """Each table's columns (name, type, not null, default), and the indexes."""
    with contextlib.closing(sqlite3.connect(db)) as raw:
        names = [r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        found = {n: [tuple(c[1:5]) for c in raw.execute(f"PRAGMA table_info({n})")] for n in names}
        found["(indexes)"] = sorted(
            (r[0], "", 0, None)
            for r in raw.execute("SELECT name FROM sqlite_master WHERE type='index'")
        )
    return found


def test_a_database_of_the_previous_version_is_upgraded_in_place(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    with contextlib.closing(sqlite3.connect(db)) as old:
        # The file as schema version 2 wrote it: an agent signed in, two bookings.
        old.executescript((Path(__file__).parent / "data" / "schema_v2.sql").read_text())
        old.executescript(
            f"""
            INSERT INTO agencies VALUES ('caf-cantal', 'CAF du Cantal');
            INSERT INTO services VALUES ('CAF', 'Allocations familiales', 'caf-cantal');
            INSERT INTO kiosks VALUES ('pvp-murat', 'Murat', 'Murat', 45.1, 2.87, 'x', 0);
            INSERT INTO agents (login, display_name, agency_id, role, password_hash, created_at)
                VALUES ('agent.caf', 'Claire', 'caf-cantal', 'agent', 'x', 0);
            INSERT INTO refresh_tokens VALUES ('{hash_token("old-refresh")}', 'agent.caf', 0,
                4102444800.0, 0);
            INSERT INTO appointments VALUES ('rdv-old', 'CAF', 'pvp-murat', 1764666000.0, NULL);
            INSERT INTO appointments VALUES ('rdv-used', 'CAF', 'pvp-murat', 1764660000.0, 'c-1');
            """
        )
        old.commit()
    with contextlib.closing(Store(db)) as store:
        old_one, used = store.appointment("rdv-old"), store.appointment("rdv-used")
        assert old_one is not None and used is not None
        assert old_one.state is AppointmentState.BOOKED and len(old_one.code) == 6
        assert old_one.starts_at == 1764666000.0 and old_one.resident_name == ""
        assert used.state is AppointmentState.SERVED
        assert store.permanences() == [] and store.closures() == []
        agent = store.agent("agent.caf")
        assert agent is not None and not agent.disabled
        # The sign-in made before the upgrade goes on, as a family of its own.
        used_token = store.use_refresh_token("old-refresh")
        assert used_token is not None and used_token[0] == "agent.caf"
        store.set_disabled("agent.caf", True)
        disabled = store.agent("agent.caf")
        assert disabled is not None and disabled.disabled
    with contextlib.closing(sqlite3.connect(db)) as raw:
        assert raw.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 5
    # Column for column and index for index, the same as a file made new.
    with contextlib.closing(Store(tmp_path / "new.db")):
        pass
    assert _tables(db) == _tables(tmp_path / "new.db")


@pytest.mark.parametrize("hour, minute", [(23, 57), (23, 45), (0, 2), (13, 58)])
def test_the_demo_appointment_is_due_whenever_the_demo_starts(
    tmp_path: Path, hour: int, minute: int
) -> None:
    """CI ran the demo at 23:57 in Paris: the appointment was booked for 23:39
    (to end by the permanence's 23:59), a no-show before the resident came."""
    import datetime as dt

    from agentdesk.switchboard.schedule import PARIS
    from agentdesk.switchboard.seed import seed_demo

    now = dt.datetime(2025, 12, 3, hour, minute, 30, tzinfo=PARIS).timestamp()
    (appointment,) = seed_demo(tmp_path / "demo.db", now=now).appointments
    # Due (30 min before to 15 min after its time) now and for the next minute,
    # and not a no-show yet.
    assert appointment.due_at - 1800 <= now and now + 60 <= appointment.due_at + 900


def test_the_demo_schedule_is_open_now_with_an_appointment_and_a_closed_service(
    tmp_path: Path,
) -> None:
    from agentdesk.switchboard.calendar_checks import calendar_of
    from agentdesk.switchboard.schedule import PARIS
    from agentdesk.switchboard.seed import seed_demo

    db = tmp_path / "demo.db"
    # A Wednesday morning; then the demo started again the next day.
    import datetime as dt

    now = dt.datetime(2025, 12, 3, 10, 7, tzinfo=PARIS).timestamp()
    data = seed_demo(db, now=now)
    (appointment,) = data.appointments
    assert appointment.kiosk_id == "pvp-murat" and len(appointment.code) == 6
    assert now < appointment.due_at <= now + 300
    with contextlib.closing(Store(db)) as store:
        calendar = calendar_of(store)
        caf = calendar.opening("CAF", "pvp-maurs", now)
        assert caf.open and caf.slot is not None and caf.slot.agent_logins == ["agent.caf"]
        udaf = calendar.opening("UDAF", "pvp-murat", now)
        assert not udaf.open
        assert udaf.next_opening == dt.datetime(2025, 12, 4, 14, 0, tzinfo=PARIS).timestamp()
        assert calendar.opening("MSA", "pvp-murat", now).open  # no calendar: always open
    tomorrow = now + 86400
    seed_demo(db, now=tomorrow)
    with contextlib.closing(Store(db)) as store:
        assert calendar_of(store).opening("CAF", "pvp-murat", tomorrow).open
        # Rebuilt, not piled up: today's session and the next two UDAF Thursdays.
        dates = sorted(p.date or "" for p in store.permanences())
        assert dates == ["2025-12-04", "2025-12-11", "2025-12-18"]
