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
from agentdesk.switchboard.seed import DEMO_PASSWORD, DemoKiosk, seed_demo

from .samples import write_samples

DEMO_AGENT = "agent.caf"
DEMO_SERVICE = "CAF"
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
        self, kiosk: DemoKiosk, index: int, samples: list[Path], interval: float
    ) -> None:
        log = open(self.folder / f"{kiosk.id}.log", "wb")  # noqa: SIM115 - closed in stop()
        self._logs.append(log)
        prints = self.folder / "impressions" / kiosk.id
        command = agentdesk_command(
            "kiosk", "--server", self.url,
            "--kiosk-id", kiosk.id, "--service", DEMO_SERVICE,
            "--reason", REASONS[index % len(REASONS)], "--camera", "testsrc",
            "--ice-address", "127.0.0.1", "--print-dir", str(prints),
            "--send", str(samples[index % len(samples)]),
            "--scan-on-request", str(samples[(index + 1) % len(samples)]),
            "--calls", "0", "--interval", str(interval), "--json",
        )  # fmt: skip
        env = {**os.environ, "AGENTDESK_KIOSK_TOKEN": kiosk.token}
        self.kiosks.append(
            subprocess.Popen(command, stdout=log, stderr=log, stdin=subprocess.DEVNULL, env=env)
        )

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
    parser.add_argument("--kiosks", type=int, default=3, help="kiosks placing calls (1 to 7)")
    parser.add_argument(
        "--interval", type=float, default=30.0, help="seconds between a kiosk's calls"
    )
    parser.add_argument("--no-app", action="store_true", help="only the switchboard and the kiosks")
    parser.add_argument("--keep", action="store_true", help="keep the demo folder afterwards")
    return parser


def main(argv: list[str]) -> int:
    parser = _parser()
    args, app_args = parser.parse_known_args(argv)
    if not 1 <= args.kiosks <= 7:
        parser.error("--kiosks must be between 1 and 7")
    folder = Path(tempfile.mkdtemp(prefix="agentdesk-demo-"))
    data = seed_demo(folder / "switchboard.db")
    samples = write_samples(folder / "scans")
    processes = DemoProcesses(folder)
    try:
        url = processes.start_switchboard()
        print(f"Démo AgentDesk : standard sur {url}, dossier {folder}", flush=True)
        stagger = threading.Event()

        def start_kiosks() -> None:
            # One after the other, so calls arrive over time as in a permanence.
            for index, kiosk in enumerate(data.kiosks[: args.kiosks]):
                if stagger.wait(0 if index == 0 else 4.0):
                    return
                processes.start_kiosk(kiosk, index, samples, args.interval)

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
        from agentdesk.ui.app import AutoSignIn

        code = desktop.main(
            [
                "--config-dir", str(folder / "config"),
                "--ice-address", "127.0.0.1",
                *app_args,
            ],
            auto_sign_in=AutoSignIn(url, DEMO_AGENT, DEMO_PASSWORD),
        )  # fmt: skip
        stagger.set()
        return code
    finally:
        processes.stop()
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
