"""``agentdesk demo``: the whole flow on one machine, nothing to configure.

A switchboard on 127.0.0.1 with the Cantal's demo data (a fresh SQLite file
in a temporary folder), headless kiosks in real communes placing calls one
after the other with the test-pattern camera and sample scans (generated,
fictitious), and the agent's app signed in as the demo agent.  Everything
stops and the folder is removed when the app closes (or on Ctrl+C).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from agentdesk.commands import agentdesk_command
from agentdesk.switchboard.schedule import PARIS
from agentdesk.switchboard.seed import DEMO_PASSWORD, DemoAppointment, DemoKiosk, seed_demo

from .samples import write_samples

DEMO_AGENT = "agent.caf"
DEMO_SUPERVISOR = "superviseur.caf"
DEMO_SERVICE = "CAF"
CLOSED_SERVICE = "UDAF"
"""Closed now in the demo's calendar (its sessions are on Thursdays)."""
CLOSED_KIOSK = "pvp-riom"
CHECK_IN_AFTER_S = 45.0
"""When the booked resident checks in, after the demo starts (--check-in-after)."""
REASONS = [
    "Prime d'activité",
    "Aide au logement",
    "Changement de situation",
    "RSA : déclaration trimestrielle",
    "Allocations familiales",
    "Naissance d'un enfant",
]


@dataclass
class DemoProcesses:
    folder: Path
    switchboard: subprocess.Popen[bytes] | None = None
    url: str = ""
    kiosks: list[subprocess.Popen[bytes]] = field(default_factory=list)
    _logs: list[object] = field(default_factory=list)

    def start_switchboard(self) -> str:
        db = self.folder / "switchboard.db"
        log = open(self.folder / "switchboard.log", "wb")  # noqa: SIM115 - closed in stop()
        self._logs.append(log)
        self.switchboard = subprocess.Popen(
            agentdesk_command("switchboard", "serve",
                              "--db", str(db), "--host", "127.0.0.1", "--port", "0"),
            stdout=subprocess.PIPE, stderr=log, stdin=subprocess.DEVNULL,
        )  # fmt: skip
        assert self.switchboard.stdout is not None
        line = self.switchboard.stdout.readline()
        if not line:
            raise SystemExit(
                f"the demo switchboard did not start; see {self.folder / 'switchboard.log'}"
            )
        self.url = str(json.loads(line)["url"])
        return self.url

    def start_kiosk(
        self,
        kiosk: DemoKiosk,
        service: str,
        options: list[str],
        *,
        to_console: bool = False,
    ) -> None:
        """A kiosk process; ``to_console``: its French sentences go to the
        demo's terminal instead of its log (what a person watching should see)."""
        log = open(self.folder / f"{kiosk.id}-{service}.log", "wb")  # noqa: SIM115 - closed in stop()
        self._logs.append(log)
        prints = self.folder / "impressions" / kiosk.id
        command = agentdesk_command(
            "kiosk", "--server", self.url,
            "--kiosk-id", kiosk.id, "--service", service, "--camera", "testsrc",
            "--ice-address", "127.0.0.1", "--print-dir", str(prints), *options,
        )  # fmt: skip
        env = {**os.environ, "AGENTDESK_KIOSK_TOKEN": kiosk.token}
        self.kiosks.append(
            subprocess.Popen(
                command,
                stdout=None if to_console else log,
                stderr=log,
                stdin=subprocess.DEVNULL,
                env=env,
            )
        )

    def start_caller(
        self, kiosk: DemoKiosk, index: int, samples: list[Path], interval: float
    ) -> None:
        """A kiosk where residents come one after the other for the demo's service."""
        self.start_kiosk(
            kiosk,
            DEMO_SERVICE,
            [
                "--reason", REASONS[index % len(REASONS)],
                "--send", str(samples[index % len(samples)]),
                "--scan-on-request", str(samples[(index + 1) % len(samples)]),
                "--calls", "0", "--interval", str(interval), "--json",
            ],
        )  # fmt: skip

    def stop(self) -> None:
        # Kiosks first: they leave the queue or hang up, as a resident would.
        for process in self.kiosks:
            with contextlib.suppress(ProcessLookupError):
                process.terminate()
        for process in self.kiosks:
            _wait(process)
        if self.switchboard is not None:
            self.switchboard.send_signal(signal.SIGTERM)
            _wait(self.switchboard)
        for log in self._logs:
            log.close()  # type: ignore[attr-defined]


def _print_schedule(
    booked: DemoAppointment | None, kiosks: list[DemoKiosk], after_s: float
) -> None:
    if booked is None:
        return
    place = next((k.commune for k in kiosks if k.id == booked.kiosk_id), booked.kiosk_id)
    when = dt.datetime.fromtimestamp(booked.due_at, PARIS).strftime("%H:%M")
    print(
        f"Rendez-vous {booked.service} à {place} à {when} (code {booked.code}) : "
        f"la résidente s'enregistre à la borne dans {after_s:.0f} s.",
        flush=True,
    )


def _wait(process: subprocess.Popen[bytes]) -> None:
    try:
        process.wait(10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _interrupt(_signum: int, _frame: object) -> None:
    raise KeyboardInterrupt


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="agentdesk demo",
        description="Switchboard, kiosks placing calls and the agent's app, on this machine.",
    )
    parser.add_argument("--kiosks", type=int, default=3, help="kiosks placing calls (1 to 5)")
    parser.add_argument(
        "--interval", type=float, default=30.0, help="seconds between a kiosk's calls"
    )
    parser.add_argument(
        "--check-in-after",
        type=float,
        default=CHECK_IN_AFTER_S,
        help="seconds before the booked resident checks in at their kiosk",
    )
    parser.add_argument("--no-app", action="store_true", help="only the switchboard and the kiosks")
    parser.add_argument(
        "--supervisor",
        action="store_true",
        help="open the app as the CAF's supervisor (live queues, figures, calendar)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the demo folder afterwards")
    return parser


def main(argv: list[str]) -> int:
    parser = _parser()
    args, app_args = parser.parse_known_args(argv)
    if not 1 <= args.kiosks <= 5:
        # Of the seven demo kiosks, one holds the appointment, one asks for UDAF.
        parser.error("--kiosks must be between 1 and 5")
    folder = Path(tempfile.mkdtemp(prefix="agentdesk-demo-"))
    data = seed_demo(folder / "switchboard.db")
    samples = write_samples(folder / "scans")
    processes = DemoProcesses(folder)
    try:
        url = processes.start_switchboard()
        print(f"Démo AgentDesk : standard sur {url}, dossier {folder}", flush=True)
        stagger = threading.Event()
        booked = data.appointments[0] if data.appointments else None
        closed = next(k for k in data.kiosks if k.id == CLOSED_KIOSK)
        special = {CLOSED_KIOSK, booked.kiosk_id if booked else ""}
        callers = [k for k in data.kiosks if k.id not in special][: args.kiosks]
        _print_schedule(booked, data.kiosks, args.check_in_after)

        def start_kiosks() -> None:
            # One after the other, so calls arrive over time as in a permanence.
            for index, kiosk in enumerate(callers):
                if stagger.wait(0 if index == 0 else 4.0):
                    return
                processes.start_caller(kiosk, index, samples, args.interval)
            # A resident asks for UDAF, closed now: the kiosk says when it
            # opens and waits for it (no blind retries).
            processes.start_kiosk(
                closed, CLOSED_SERVICE, ["--wait-open", "--calls", "1"], to_console=True
            )
            if booked is None or stagger.wait(args.check_in_after):
                return
            # The booked resident arrives and checks in with their code.
            kiosk = next(k for k in data.kiosks if k.id == booked.kiosk_id)
            processes.start_kiosk(
                kiosk,
                booked.service,
                ["--appointment", booked.code, "--reason", "Rendez-vous", "--calls", "1",
                 "--send", str(samples[0]), "--json"],
            )  # fmt: skip

        starter = threading.Thread(target=start_kiosks, name="demo-kiosks", daemon=True)
        starter.start()
        if args.no_app:
            print("Bornes lancées ; Ctrl+C pour arrêter.", flush=True)
            signal.signal(signal.SIGTERM, _interrupt)
            with contextlib.suppress(KeyboardInterrupt):
                while True:
                    time.sleep(3600)
            stagger.set()
            return 0
        from agentdesk import desktop
        from agentdesk.desk import DeskSettings, SettingsStore
        from agentdesk.ui.app import AutoSignIn

        # The demo agent is an agent: available by themselves when their
        # permanence starts (no first-sign-in question nor device check in a demo).
        SettingsStore(folder / "config").save(
            DeskSettings(auto_available=True, devices_checked=True)
        )

        code = desktop.main(
            [
                "--config-dir", str(folder / "config"),
                "--ice-address", "127.0.0.1",
                *app_args,
            ],
            auto_sign_in=AutoSignIn(
                url,
                DEMO_SUPERVISOR if args.supervisor else DEMO_AGENT,
                DEMO_PASSWORD,
                go_available=not args.supervisor,
            ),
        )  # fmt: skip
        stagger.set()
        return code
    finally:
        processes.stop()
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
