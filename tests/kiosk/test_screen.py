"""The resident's touch screen, driven as a resident would (touches are mouse
clicks on the real widgets, offscreen), answered by a real agent station
through a real switchboard process, with real peripherals: SANE's ``test``
device scans, a real cupsd with a CUPS-PDF queue prints.

No camera and no sound card here: both ends film FFmpeg's test pattern and
send silence.  Screenshots of each screen land in tmp_path, or in
AGENTDESK_SCREENSHOTS (docs/screenshots) to keep them."""

from __future__ import annotations

import asyncio
import contextlib
import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPushButton, QWidget

from agentdesk.desk import Language
from agentdesk.engine.documents import (
    CommandReceived,
    NotConnected,
    PrintOutcome,
    PrintResult,
    samples,
)
from agentdesk.kiosk.endpoint import KioskConfig
from agentdesk.kiosk.scanner import SaneScanner, ScanSettings
from agentdesk.kiosk.screen_model import ScanStep, Step
from agentdesk.kiosk_screen import KioskScreen, build
from agentdesk.protocol import Hangup
from agentdesk.protocol.messages import Satisfaction
from agentdesk.switchboard.store import Store
from agentdesk.ui.i18n_runtime import LanguageSwitcher
from tests.support.peripherals import Cups, running_cups, sane_config
from tests.support.station import LOOPBACK, AgentSide, start_agent
from tests.support.switchboard import Provisioned, SwitchboardProcess, start_switchboard


@pytest.fixture
def cups() -> Iterator[Cups]:
    with running_cups() as server:
        yield server


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("AGENTDESK_SCREENSHOTS") or tmp_path / "shots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


async def until(predicate: Callable[[], bool], within: float = 30.0, what: str = "") -> None:
    """Waits for the screen (or the agent) to reach a state, yielding to the loop."""
    deadline = asyncio.get_running_loop().time() + within
    while not predicate():
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"not within {within} s: {what}")
        await asyncio.sleep(0.05)


async def touch(widget: QPushButton) -> None:
    """A real mouse press and release on the widget.  Delivered from a plain
    loop callback, not from inside the test's task: Qt may run the loop's
    other tasks while it delivers the click."""
    assert widget.isVisible() and widget.isEnabled(), widget.text()
    loop = asyncio.get_running_loop()
    done = loop.create_future()

    def deliver() -> None:
        QTest.mouseClick(widget, Qt.MouseButton.LeftButton)
        done.set_result(None)

    loop.call_soon(deliver)
    await done


async def shoot(window: QWidget, folder: Path, name: str) -> None:
    await asyncio.sleep(0.2)  # the loop lets Qt lay out and paint the new screen
    assert window.grab().save(str(folder / f"kiosk-{name}.png"))


@pytest.fixture
def switchboard(
    loop: asyncio.AbstractEventLoop, db: Path, accounts: Provisioned
) -> Iterator[SwitchboardProcess]:
    """Started on the screen's own loop (qasync), as the app would live with it."""
    process = loop.run_until_complete(start_switchboard(db))
    yield process
    if process.proc.returncode is None:
        loop.run_until_complete(process.stop())


@pytest.fixture
def screen(
    qapp: QApplication,
    loop: asyncio.AbstractEventLoop,
    switchboard: SwitchboardProcess,
    accounts: Provisioned,
    tmp_path: Path,
    cups: Cups,
) -> Iterator[KioskScreen]:
    languages = LanguageSwitcher(qapp)
    assert languages.use(Language.FRENCH)
    config = KioskConfig(
        server=switchboard.url,
        kiosk_id="pvp-murat",
        token=accounts.kiosk_tokens["pvp-murat"],
        service="",
        camera="testsrc",
        printer=cups.printer,
        cups_server=str(cups.socket),
        allowed_addresses=LOOPBACK,
        adaptation=__import__("agentdesk.engine.adaptation", fromlist=["x"]).AdaptationConfig(
            overshoot=2.5
        ),
    )
    scanner = SaneScanner(
        ScanSettings(
            device="test:0",
            config_dir=sane_config(tmp_path / "sane"),
            width_mm=200,
            height_mm=200,
            extra=("--test-picture", "Color pattern"),
        )
    )
    kiosk = build(
        config, scanner, tmp_path / "scans", languages.use, lambda _: None, loop, thanks_s=0.5
    )
    window = kiosk.window
    assert isinstance(window, QWidget)
    window.resize(1920, 1080)  # a kiosk's usual 24-inch touch screen
    window.show()
    loop.run_until_complete(_start(kiosk))
    yield kiosk
    window.close()
    loop.run_until_complete(kiosk.close())
    languages.use(Language.ENGLISH)


async def _start(kiosk: KioskScreen) -> None:
    kiosk.endpoint.start()


def _asked_scan(agent: AgentSide) -> bool:
    try:
        agent.call.request_scan()
    except NotConnected:
        return False
    return True


def _print_results(agent: AgentSide) -> list[PrintResult]:
    return [
        event.command
        for event in agent.document_events
        if isinstance(event, CommandReceived) and isinstance(event.command, PrintResult)
    ]


def test_a_resident_calls_scans_gets_a_print_rates_and_leaves_nothing_behind(
    qtbot: Any,
    loop: asyncio.AbstractEventLoop,
    switchboard: SwitchboardProcess,
    screen: KioskScreen,
    tmp_path: Path,
    shots: Path,
) -> None:
    from agentdesk.ui.kiosk.window import KioskWindow

    model, window = screen.model, screen.window
    assert isinstance(window, KioskWindow)
    title = f"formulaire-{uuid.uuid4().hex[:8]}"

    # Everything runs inside the loop: Qt's events (touches, paints) are then
    # handled while asyncio's loop is running, as in the app.
    async def resident() -> None:
        # Home: every service of the network, in French; CAF has no agent yet
        # but takes callers.
        await until(lambda: {"CAF", "CPAM", "MSA"} <= set(window.home.service_buttons))
        caf = window.home.service_buttons["CAF"]
        assert "Allocations familiales" in caf.text() and "Ouvert" in caf.text()
        await shoot(window, shots, "home")

        # The resident touches CAF: waiting, first in line, honestly no estimate yet.
        await touch(caf)
        await until(lambda: model.step is Step.WAITING)
        assert "suivant" in window.waiting.place.text()
        assert "estimation" in window.waiting.estimate.text()
        assert "avis d'imposition" in window.waiting.prepare.text()
        await shoot(window, shots, "waiting")

        # An agent signs in and answers: the agent's picture fills the screen.
        agent = await start_agent(switchboard.url, "agent.caf")
        try:
            await with_agent(agent)
        finally:
            await agent.close()

    async def with_agent(agent: AgentSide) -> None:
        await until(lambda: model.step is Step.CALL and model.call.connected)
        await until(lambda: window.in_call.remote_video.frames_painted > 0)
        assert "Agent agent.caf" in window.in_call.title.text()

        # The agent asks for a document: the resident is guided, scans, checks, sends.
        await until(lambda: agent.station.current is not None)
        await until(lambda: _asked_scan(agent), what="the document channel opens")
        await until(lambda: model.call.scan is ScanStep.ASKED)
        await shoot(window, shots, "call-scan-asked")
        await touch(window.in_call.scan_panel.scan_button)
        await until(lambda: model.call.scan is ScanStep.PREVIEW)
        assert not window.in_call.scan_panel.preview.pixmap().isNull()
        await shoot(window, shots, "call-scan-preview")
        await touch(window.in_call.scan_panel.send_button)
        await until(lambda: bool(agent.received))
        scan = agent.received[0].document
        assert scan.info.name.endswith(".png") and scan.data.startswith(b"\x89PNG")
        await until(lambda: model.call.scan is ScanStep.SENT)

        # The agent prints a form: it comes out of CUPS-PDF, and the agent is told so.
        await agent.call.print_document(f"{title}.pdf", samples.pdf(pages=2, seed=3))
        await until(lambda: bool(model.call.printed))
        assert "imprimé" in window.in_call.print_notice.text()
        await until(lambda: bool(_print_results(agent)))
        assert _print_results(agent)[0].outcome is PrintOutcome.PRINTED
        outputs = Cups.output(title)
        assert len(outputs) == 1 and len(PdfReader(outputs[0]).pages) == 2
        await shoot(window, shots, "call-printed")

        # The agent hangs up: three faces; the resident touches the smiling one.
        await agent.client.request(Hangup(call_id=agent.call.call_id))
        await until(lambda: model.step is Step.RATING)
        await shoot(window, shots, "rating")
        await touch(window.rating.faces[Satisfaction.GOOD])
        await until(lambda: model.step is Step.THANKS)
        await shoot(window, shots, "thanks")
        # ... and the screen goes home by itself.
        await until(lambda: model.step is Step.HOME)

    try:
        loop.run_until_complete(asyncio.wait_for(resident(), 150))
    finally:
        for path in Cups.output(title):
            path.unlink(missing_ok=True)

    # Nothing of the resident is left on the kiosk: no scan, no print job.
    assert list((tmp_path / "scans").iterdir()) == []
    assert model.call.preview is None
    with contextlib.closing(Store(switchboard.db)) as store:
        assert store.satisfaction(0, 2e10, ["CAF"]) == {"good": 1}
