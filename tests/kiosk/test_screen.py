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
import datetime as dt
import os
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPushButton, QWidget

from agentdesk.client import http_base, login
from agentdesk.desk import Language, PrintFailed, TaskOwner
from agentdesk.engine.documents import (
    ChannelNotOpen,
    CommandReceived,
    Device,
    DeviceState,
    DeviceStatus,
    PrintOutcome,
    PrintResult,
    samples,
)
from agentdesk.kiosk.endpoint import KioskConfig
from agentdesk.kiosk.scanner import SaneScanner, ScanSettings
from agentdesk.kiosk.screen_model import ScanStep, ScreenStep
from agentdesk.kiosk_screen import KioskScreen, build
from agentdesk.protocol import Hangup
from agentdesk.protocol.messages import Satisfaction
from agentdesk.protocol.schedule import PermanenceDraft
from agentdesk.supervision.api import SupervisionSession
from agentdesk.switchboard.schedule import PARIS
from agentdesk.switchboard.store import Store
from agentdesk.ui.i18n_runtime import LanguageSwitcher
from agentdesk.ui.supervision.fleet_panel import FleetPanel
from tests.support.peripherals import Cups, running_cups, sane_config
from tests.support.station import LOOPBACK, AgentSide, start_agent
from tests.support.switchboard import PASSWORD, Provisioned, SwitchboardProcess, start_switchboard
from tests.ui.real_app import until


@pytest.fixture
def cups() -> Iterator[Cups]:
    with running_cups() as server:
        yield server


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("AGENTDESK_SCREENSHOTS") or tmp_path / "shots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


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


async def shoot(window: QWidget, folder: Path, name: str, prefix: str = "kiosk") -> None:
    await asyncio.sleep(0.2)  # the loop lets Qt lay out and paint the new screen
    assert window.grab().save(str(folder / f"{prefix}-{name}.png"))


@pytest.fixture
def switchboard(
    loop: asyncio.AbstractEventLoop, db: Path, accounts: Provisioned
) -> Iterator[SwitchboardProcess]:
    """Started on the screen's own loop (qasync), as the app would live with it.
    CAF holds a permanence at every kiosk all day today: the fleet's alerts apply."""
    today = dt.datetime.now(PARIS)
    with contextlib.closing(Store(db)) as store:
        store.save_permanence(
            PermanenceDraft(service="CAF", weekday=today.weekday(), start="00:00", end="23:59"),
            time.time(),
        )
        # MSA only tomorrow: closed today, with its next opening.
        tomorrow = (today.weekday() + 1) % 7
        store.save_permanence(
            PermanenceDraft(service="MSA", weekday=tomorrow, start="09:00", end="12:00"),
            time.time(),
        )
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
    languages: LanguageSwitcher,
) -> Iterator[KioskScreen]:
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
        config,
        scanner,
        tmp_path / "scans",
        languages.use,
        lambda _: None,
        loop,
        thanks_s=0.5,
        inactivity_s=3.0,
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
    except ChannelNotOpen:
        return False
    return True


def _printer_state(agent: AgentSide) -> DeviceState | None:
    states = [
        event.command.state
        for event in agent.document_events
        if isinstance(event, CommandReceived)
        and isinstance(event.command, DeviceStatus)
        and event.command.device is Device.PRINTER
    ]
    return states[-1] if states else None


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
    cups: Cups,
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
        msa = window.home.service_buttons["MSA"]
        assert "Fermé" in msa.text() and "09:00" in msa.text()
        await shoot(window, shots, "home")

        # MSA is closed: the switchboard refuses, the screen says when it opens.
        await touch(msa)
        await until(lambda: model.step is ScreenStep.CLOSED)
        assert "09:00" in window.closed.message.text()
        await shoot(window, shots, "closed")
        await touch(window.closed.back_button)
        await until(lambda: model.step is ScreenStep.HOME)

        # A wrong appointment code: refused, said plainly, nothing queued.
        await touch(window.home.appointment_button)
        await until(lambda: model.step is ScreenStep.APPOINTMENT)
        for digit in "123456":
            await touch(window.appointment.digit_buttons[digit])
        await touch(window.appointment.ok_button)
        await until(lambda: model.problem == "code")
        await until(lambda: window.appointment.problem.isVisible())
        assert "pas été reconnu" in window.appointment.problem.text()
        await shoot(window, shots, "appointment")
        await touch(window.appointment.back_button)
        await until(lambda: model.step is ScreenStep.HOME)

        # The resident touches CAF: waiting, first in line, honestly no estimate yet.
        await touch(caf)
        await until(lambda: model.step is ScreenStep.WAITING)
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
        await until(lambda: model.step is ScreenStep.CALL and model.call.connected)
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
        # The kiosk checked the page before the resident chose; its verdict
        # travels with the document (SANE's colour test pattern has no margin:
        # it runs off the edges of the scan).
        verdict = model.call.scan_quality
        assert "cut_off" in verdict
        assert "Une partie de la page manque" in window.in_call.scan_panel.guidance.text()
        await touch(window.in_call.scan_panel.send_button)
        await until(lambda: bool(agent.received))
        scan = agent.received[0].document
        assert scan.info.name.endswith(".png") and scan.data.startswith(b"\x89PNG")
        assert scan.info.quality == verdict
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

        # The printer's queue stops (a fault): the next print fails for real, the
        # resident is told, the agent learns why, and the supervisors see it.
        cups.stop_queue()
        with pytest.raises(PrintFailed):
            await agent.call.print_document(f"{title}-2.pdf", samples.pdf(pages=1, seed=4))
        await until(lambda: model.call.print_failed == "offline")
        assert "imprimante ne répond pas" in window.in_call.print_notice.text()
        await shoot(window, shots, "call-print-failed")
        await until(lambda: _printer_state(agent) is DeviceState.OFFLINE)
        await supervisor_sees_the_fault()
        cups.start_queue()

        # The agent hangs up: three faces; the resident touches the smiling one.
        await agent.client.request(Hangup(call_id=agent.call.call_id))
        await until(lambda: model.step is ScreenStep.RATING)
        await shoot(window, shots, "rating")
        await touch(window.rating.faces[Satisfaction.GOOD])
        await until(lambda: model.step is ScreenStep.THANKS)
        await shoot(window, shots, "thanks")
        # ... and the screen goes home by itself.
        await until(lambda: model.step is ScreenStep.HOME)

    async def supervisor_sees_the_fault() -> None:
        tokens = await login(http_base(switchboard.url), "sup.caf", PASSWORD)
        session = SupervisionSession(
            switchboard.url, tokens.access_token, tokens.refresh_token, tokens.expires_in
        )
        panel = FleetPanel(session.fleet, TaskOwner())
        panel.resize(1500, 420)
        panel.show()
        try:

            async def printer_fault_shown() -> bool:
                await session.fleet.refresh()
                murat = [k for k in session.fleet.kiosks if k.kiosk_id == "pvp-murat"]
                return bool(murat) and murat[0].alert == "device_failing"

            deadline = asyncio.get_running_loop().time() + 30
            while not await printer_fault_shown():
                assert asyncio.get_running_loop().time() < deadline, session.fleet.kiosks
                await asyncio.sleep(0.2)
            row = [k.kiosk_id for k in session.fleet.kiosks].index("pvp-murat")
            assert panel.table.item(row, 6).text().startswith("✘ hors ligne")
            assert "en panne" in panel.table.item(row, 8).text()
            assert panel.table.item(row, 2).text().startswith("● en ligne")
            # The five other kiosks never connected: offline in the middle of a permanence.
            others = {k.alert for k in session.fleet.kiosks if k.kiosk_id != "pvp-murat"}
            assert others == {"offline"}
            assert "6 borne(s) à vérifier" in panel.summary.text()
            await shoot(panel, shots, "fleet", prefix="supervision")
        finally:
            panel.close_model()
            panel.close()
            await session.aclose()

    try:
        loop.run_until_complete(asyncio.wait_for(resident(), 150))
    finally:
        for path in Cups.output(title):
            path.unlink(missing_ok=True)

    # The next resident reads English, starts typing a code and walks away: the
    # screen goes home by itself, in French again.
    async def walks_away() -> None:
        await touch(window.language_button)
        await until(lambda: window.home.appointment_button.text() == "I have an appointment")
        await touch(window.home.appointment_button)
        await touch(window.appointment.digit_buttons["4"])
        # Home comes first, the French text once Qt has delivered the language
        # change it posted (a later turn of the loop): wait for both.
        await until(
            lambda: (
                model.step is ScreenStep.HOME
                and window.language is Language.FRENCH
                and window.home.appointment_button.text() == "J'ai un rendez-vous"
            ),
            within=20,
            what="home, in French again",
        )

    loop.run_until_complete(asyncio.wait_for(walks_away(), 60))

    # Nothing of the resident is left on the kiosk: no scan, no print job.
    assert list((tmp_path / "scans").iterdir()) == []
    assert model.call.preview is None
    with contextlib.closing(Store(switchboard.db)) as store:
        assert store.satisfaction(0, 2e10, ["CAF"]) == {"good": 1}
