"""The kiosk's printer through CUPS, with each job followed to its real end.

``lp`` only says a job was queued; a resident waits for paper.  The job is
followed (pycups: IPP job and printer attributes) until CUPS says it
completed, was cancelled or aborted, or until the printer stops or reports a
fault (``media-empty``, ``media-jam``): that is the ``print_result`` the agent
gets.  A job that cannot print now is cancelled, not left in the queue: it
would come out later, in front of the next resident.

pycups is blocking: every call runs in a worker thread, one at a time.
"""

from __future__ import annotations

import asyncio
import logging
import tempfile
import time
from dataclasses import dataclass
from typing import Any

from agentdesk.engine.documents import DeviceState

log = logging.getLogger(__name__)

JOB_TIMEOUT_S = 120.0
POLL_S = 0.2

# IPP enums (RFC 8011 §5.3.7, §5.4.11)
_JOB_HELD, _JOB_STOPPED = 4, 6
_JOB_CANCELED, _JOB_ABORTED, _JOB_COMPLETED = 7, 8, 9
_PRINTER_STOPPED = 5

# printer-state-reasons keywords (RFC 8011 §5.4.12), in the order they matter.
_REASONS = (
    ("media-empty", DeviceState.OUT_OF_PAPER),
    ("media-needed", DeviceState.OUT_OF_PAPER),
    ("media-jam", DeviceState.PAPER_JAM),
    ("offline", DeviceState.OFFLINE),
    ("paused", DeviceState.OFFLINE),
    ("door-open", DeviceState.ERROR),
    ("cover-open", DeviceState.ERROR),
    ("toner-empty", DeviceState.ERROR),
    ("marker-supply-empty", DeviceState.ERROR),
)


@dataclass(frozen=True)
class PrinterState:
    state: DeviceState
    detail: str = ""


@dataclass(frozen=True)
class JobOutcome:
    printed: bool
    state: DeviceState
    """What the printer was in when the job ended (``ready`` when printed)."""
    detail: str = ""
    job_id: int | None = None


def printer_state(attributes: dict[str, Any]) -> PrinterState:
    """A CUPS printer's attributes as a protocol device state."""
    reasons = [str(r) for r in attributes.get("printer-state-reasons", []) if r != "none"]
    for keyword, state in _REASONS:
        for reason in reasons:
            # "-report" and "-warning" suffixes are informational (toner low...).
            if reason.startswith(keyword) and not reason.endswith(("-report", "-warning")):
                return PrinterState(state, reason)
    if attributes.get("printer-state") == _PRINTER_STOPPED:
        message = str(attributes.get("printer-state-message") or "stopped")
        return PrinterState(DeviceState.OFFLINE, message)
    if not attributes.get("printer-is-accepting-jobs", True):
        return PrinterState(DeviceState.OFFLINE, "not accepting jobs")
    if attributes.get("printer-state") == 4:  # processing
        return PrinterState(DeviceState.BUSY)
    return PrinterState(DeviceState.READY)


class CupsPrinter:
    def __init__(self, printer: str, server: str | None = None) -> None:
        self.printer = printer
        self.server = server
        """A CUPS server (host, host:port or a socket path); None: the system's."""
        self._lock = asyncio.Lock()
        self._jobs: set[int] = set()
        """Jobs this kiosk submitted that may still print."""

    # -- pycups, in a worker thread ---------------------------------------------

    def _connection(self) -> Any:
        import cups

        if self.server is None:
            return cups.Connection()
        return cups.Connection(host=self.server)

    async def _call(self, method: str, *args: Any, **kwargs: Any) -> Any:
        def work() -> Any:
            return getattr(self._connection(), method)(*args, **kwargs)

        async with self._lock:
            return await asyncio.to_thread(work)

    # -- what the kiosk asks ----------------------------------------------------

    async def state(self) -> PrinterState:
        try:
            attributes = await self._call("getPrinterAttributes", self.printer)
        except Exception as exc:  # cups.IPPError, RuntimeError: no cupsd, unknown queue
            return PrinterState(DeviceState.OFFLINE, _sentence(exc))
        return printer_state(attributes)

    async def print_document(
        self, name: str, data: bytes, timeout_s: float = JOB_TIMEOUT_S
    ) -> JobOutcome:
        before = await self.state()
        if before.state in (DeviceState.OFFLINE, DeviceState.OUT_OF_PAPER, DeviceState.PAPER_JAM):
            # Queued now, it would print for whoever stands there when it is fixed.
            return JobOutcome(False, before.state, before.detail)
        with tempfile.NamedTemporaryFile(prefix="agentdesk-print-") as handle:
            handle.write(data)
            handle.flush()
            try:
                job_id = int(await self._call("printFile", self.printer, handle.name, name, {}))
            except Exception as exc:
                return JobOutcome(False, DeviceState.ERROR, _sentence(exc))
        self._jobs.add(job_id)
        return await self._follow(job_id, time.monotonic() + timeout_s)

    async def _follow(self, job_id: int, deadline: float) -> JobOutcome:
        while True:
            try:
                job = await self._call(
                    "getJobAttributes",
                    job_id,
                    requested_attributes=[
                        "job-state",
                        "job-state-reasons",
                        "job-printer-state-message",
                    ],
                )
            except Exception as exc:
                await self._cancel(job_id)
                return JobOutcome(False, DeviceState.ERROR, _sentence(exc), job_id)
            job_state = job.get("job-state")
            if job_state == _JOB_COMPLETED:
                self._jobs.discard(job_id)
                return JobOutcome(True, DeviceState.READY, "", job_id)
            if job_state in (_JOB_CANCELED, _JOB_ABORTED, _JOB_HELD, _JOB_STOPPED):
                # Stopped: the driver failed (CUPS keeps the job to retry it
                # later, for whoever stands there then): cancel it.
                await self._cancel(job_id)
                return JobOutcome(False, DeviceState.ERROR, _reasons(job), job_id)
            printer = await self.state()
            if printer.state not in (DeviceState.READY, DeviceState.BUSY):
                await self._cancel(job_id)
                return JobOutcome(False, printer.state, printer.detail, job_id)
            if time.monotonic() > deadline:
                await self._cancel(job_id)
                return JobOutcome(False, DeviceState.ERROR, "the printer did not finish", job_id)
            await asyncio.sleep(POLL_S)

    async def _cancel(self, job_id: int) -> None:
        self._jobs.discard(job_id)
        try:
            await self._call("cancelJob", job_id, purge_job=True)
        except Exception as exc:  # already gone
            log.info("cancelling job %s: %s", job_id, exc)

    async def purge(self) -> int:
        """Cancels every job of ours still waiting (end of a call: nothing of
        this resident may print for the next one); returns how many."""
        pending = list(self._jobs)
        for job_id in pending:
            await self._cancel(job_id)
        return len(pending)


def _sentence(exc: Exception) -> str:
    args: tuple[object, ...] = exc.args
    # cups.IPPError carries (status, message).
    if len(args) == 2 and isinstance(args[1], str):
        return args[1]
    return str(exc) or type(exc).__name__


def _reasons(job: dict[str, Any]) -> str:
    message = job.get("job-printer-state-message")
    reasons = job.get("job-state-reasons", "")
    if isinstance(reasons, list):
        reasons = ", ".join(str(r) for r in reasons)
    return str(message or reasons or "the job did not print")
