"""Real scanner and printer services for tests, private to the test.

- SANE: its built-in ``test`` backend (a real SANE device with no hardware),
  found through a private ``SANE_CONFIG_DIR`` whose dll.conf lists only it.
- CUPS: a real ``cupsd -f`` with its own configuration, spool and socket in
  tmp_path, and a CUPS-PDF queue (Debian's printer-driver-cups-pdf).  CUPS-PDF
  writes to ``$HOME/PDF`` of the job's owner, naming the file after the job's
  title: tests give each job a unique title and remove what they find.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from . import processes

PDF_QUEUE = "PDF"


def sane_config(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "dll.conf").write_text("test\n")
    return folder


@dataclass
class Cups:
    folder: Path
    socket: Path
    process: subprocess.Popen[bytes]
    printer: str = PDF_QUEUE

    def _admin(self, *args: str) -> None:
        env = {**os.environ, "CUPS_SERVER": str(self.socket)}
        subprocess.run(args, check=True, env=env, capture_output=True, timeout=20)

    def stop_queue(self) -> None:
        """What an operator (or a jammed printer driver) does: the queue stops."""
        self._admin("cupsdisable", self.printer)

    def start_queue(self) -> None:
        self._admin("cupsenable", self.printer)

    def report(self, reason: str) -> None:
        """Sets the queue's ``printer-state-reasons`` as a driver reports a fault
        (``media-empty-error``, ``media-jam-error``; ``none`` clears it): cupsd
        keeps it and serves it over IPP as it would from the printer itself."""
        self._admin("lpadmin", "-p", self.printer, "-o", f"printer-state-reasons={reason}")

    def pending_jobs(self) -> list[int]:
        """Jobs of the queue that have not completed (still to come out)."""
        import cups

        jobs = cups.Connection(host=str(self.socket)).getJobs(which_jobs="not-completed")
        return sorted(int(job_id) for job_id in jobs)

    @staticmethod
    def output(title: str) -> list[Path]:
        """The PDFs CUPS-PDF wrote for jobs titled ``title``."""
        folder = Path.home() / "PDF"
        return sorted(folder.glob(f"{title}*.pdf")) if folder.is_dir() else []


def _conf(root: Path) -> tuple[Path, Path, Path]:
    etc = root / "etc"
    for sub in ("etc/ppd", "spool/tmp", "cache", "state", "log"):
        (root / sub).mkdir(parents=True, exist_ok=True)
    # CUPS filters and backends run as the unprivileged "lp" user: they must
    # read the spool (pytest's tmp_path is private to root).
    for folder in [root, *root.rglob("*")]:
        folder.chmod(0o755)
    (root / "spool/tmp").chmod(0o1777)
    socket = root / "cups.sock"
    files = etc / "cups-files.conf"
    files.write_text(
        f"ServerRoot {etc}\nRequestRoot {root}/spool\nTempDir {root}/spool/tmp\n"
        f"CacheDir {root}/cache\nStateDir {root}/state\nAccessLog {root}/log/access_log\n"
        f"ErrorLog {root}/log/error_log\nPageLog {root}/log/page_log\nSystemGroup root\n"
    )
    daemon = etc / "cupsd.conf"
    daemon.write_text(
        f"Listen {socket}\nLogLevel warn\nWebInterface No\nBrowsing No\n"
        "<Location />\nOrder allow,deny\nAllow all\n</Location>\n"
        "<Policy default>\n<Limit All>\nOrder deny,allow\n</Limit>\n</Policy>\n"
    )
    return daemon, files, socket


@contextlib.contextmanager
def running_cups() -> Iterator[Cups]:
    """A cupsd in a folder of its own under /tmp (readable by "lp")."""
    with (
        tempfile.TemporaryDirectory(prefix="agentdesk-cups-") as folder,
        _running_cups(Path(folder)) as cups,
    ):
        yield cups


@contextlib.contextmanager
def _running_cups(root: Path) -> Iterator[Cups]:
    cupsd = shutil.which("cupsd") or "/usr/sbin/cupsd"
    if not Path(cupsd).exists() or shutil.which("lpadmin") is None:
        pytest.fail("CUPS is not installed: ./run installs cups, cups-client and cups-pdf")
    daemon, files, socket = _conf(root)
    process = subprocess.Popen([cupsd, "-f", "-c", str(daemon), "-s", str(files)])
    try:
        deadline = time.monotonic() + 20
        while not socket.exists():
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"cupsd did not start: {(root / 'log/error_log').read_text()}")
            time.sleep(0.05)
        cups = Cups(root, socket, process)
        cups._admin(
            "lpadmin", "-p", PDF_QUEUE, "-v", "cups-pdf:/", "-E",
            "-m", "lsb/usr/cups-pdf/CUPS-PDF_opt.ppd",
        )  # fmt: skip
        yield cups
    finally:
        processes.stop(process, 10)
