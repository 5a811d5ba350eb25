"""The agent's screens for tools/screenshots.py: a main window over a real
Desk fed the switchboard's messages (the test suite's Harness), in the order
of a permanence day.  Booking and the day's appointments use a real
switchboard (``Board``), started only when those screens are wanted."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Callable
from typing import Any

import msgspec

from agentdesk.desk import ConnectionState, RgbFrame, SignInProblem, rgb_pixel
from agentdesk.desk.booking import BookingDefaults
from agentdesk.protocol import (
    AgentState,
    CallState,
    CallUpdate,
    DayPlan,
    EndReason,
    Offered,
    ServiceInfo,
)
from agentdesk.protocol.schedule import Appointment, AppointmentState, KioskName, Slot
from agentdesk.ui.first_run import FirstRunDialog
from agentdesk.ui.i18n_runtime import LanguageSwitcher
from agentdesk.ui.main_window import MainWindow
from tests.ui.helpers import Harness, call, feed, snapshot, status, welcome
from tools.screen_camera import Camera, open_window, until
from tools.screens_supervision import TUESDAY, Board, paris

SERVER = "wss://standard.caf-cantal.fr/api/v1/ws"
KIOSKS = {
    "pvp-murat": ("PVP Murat", "Murat"),
    "pvp-riom": ("PVP Riom-ès-Montagnes", "Riom-ès-Montagnes"),
    "pvp-maurs": ("PVP Maurs", "Maurs"),
    "pvp-neuveglise": ("France Services de Neuvéglise", "Neuvéglise-sur-Truyère"),
}


def _call(call_id: str, kiosk_id: str, **kw: Any) -> Any:
    name, commune = KIOSKS[kiosk_id]
    info = call(call_id, commune, **kw)
    return msgspec.structs.replace(info, kiosk_id=kiosk_id, kiosk_name=name)


def _day_plan() -> DayPlan:
    """Claire's Tuesday: two permanences, three residents booked."""

    def booked(n: int, kiosk: str, hour: int, minute: int, who: str, why: str) -> Appointment:
        return Appointment(
            appointment_id=f"a{n}", code=f"4815{n:02d}", service="CAF", kiosk_id=kiosk,
            starts_at=paris(hour, minute), duration_min=20, purpose=why, resident_name=who,
            agent_login="agent.dupont", state=AppointmentState.BOOKED,
        )  # fmt: skip

    def slot(n: int, kiosks: list[str], start: float, end: float) -> Slot:
        return Slot(
            permanence_id=f"p{n}", service="CAF", kiosk_ids=kiosks, starts_at=start, ends_at=end
        )

    return DayPlan(
        date=TUESDAY.isoformat(),
        slots=[
            slot(1, ["pvp-murat", "pvp-riom"], paris(9), paris(12)),
            slot(2, ["pvp-maurs"], paris(14), paris(16, 30)),
        ],
        appointments=[
            booked(1, "pvp-murat", 10, 30, "Mme Martin", "Prime d'activité"),
            booked(2, "pvp-riom", 11, 15, "M. Roux", "RSA : déclaration trimestrielle"),
            booked(3, "pvp-maurs", 14, 40, "Mme Lafon", "Aide au logement"),
        ],
        kiosks=[
            KioskName(kiosk_id=k, name=name, commune=commune)
            for k, (name, commune) in KIOSKS.items()
        ],
    )


def _pages(count: int) -> bytes:
    """The demo's sample PDF with ``count`` pages."""
    import io

    from agentdesk.demo.samples import SAMPLES, render_page

    title, lines = SAMPLES["avis-imposition-exemple.pdf"]
    pages = [render_page(f"{title} ({n + 1}/{count})", lines) for n in range(count)]
    buffer = io.BytesIO()
    pages[0].save(buffer, format="PDF", resolution=100.0, save_all=True, append_images=pages[1:])
    return buffer.getvalue()


def _staffing() -> list[Any]:
    """The network's services with who staffs them now: the call's own
    service with a colleague, one staffed, one closed until its next permanence."""
    from agentdesk.desk.staffing import ColleagueChoice, TransferTarget
    from agentdesk.protocol import ServiceState, ServiceStatus

    closed = ServiceStatus(
        service="UDAF", state=ServiceState.CLOSED, next_opening=paris(14) + 2 * 86_400
    )
    return [
        TransferTarget("CAF", "Allocations familiales (CAF)", None,
                       (ColleagueChoice("h1", "Marc Vidal", AgentState.AVAILABLE),), own=True),
        TransferTarget("CPAM", "Assurance maladie (CPAM)", None,
                       (ColleagueChoice("h2", "Sophie Roche-Lacombe", AgentState.IN_CALL),
                        ColleagueChoice("h3", "Luc Bonnet", AgentState.AVAILABLE))),
        TransferTarget("MSA", "Mutualité sociale agricole (MSA)", None),
        TransferTarget("UDAF", "Union départementale des associations familiales (UDAF)",
                       closed),
    ]  # fmt: skip


def _picture(width: int, height: int, rgb: tuple[int, int, int]) -> RgbFrame:
    return RgbFrame(width, height, rgb_pixel(*rgb) * width * height)


async def shoot_desk(camera: Camera, board: Board, languages: LanguageSwitcher) -> None:
    """Every screen of the agent's day."""
    harness: Harness = open_window(languages)
    harness.clock.now = paris(10, 5)
    harness.flow.settings = msgspec.structs.replace(
        harness.flow.settings, server_url=SERVER, last_login="claire.dupont"
    )
    window = harness.window

    await _before_sign_in(camera, window)
    await _the_day(camera, board, harness)
    await _a_call(camera, harness)
    await _after_the_call(camera, harness)
    await _devices(camera, harness)
    if camera.wants("19-unexpected-error"):
        # What the crash guard shows of a bug: the app carries on.
        harness.window.show_bug("Traceback (most recent call last):\n  …\nValueError")
        box = harness.window.bug_box
        assert box is not None
        await camera.grab("19-unexpected-error", box)
        box.hide()
    await _session_closed(camera, harness)
    await harness.close()
    window.close()


async def _before_sign_in(camera: Camera, window: MainWindow) -> None:
    if camera.wants("11-first-run"):

        async def check(_url: str) -> None:
            return None

        first = FirstRunDialog(check, window)
        first.address.setText(SERVER)
        first.open()
        await camera.grab("11-first-run", first)
        first.reject()
        await first.aclose()
        first.deleteLater()
    panel = window.sign_in_panel
    panel.server.setText(SERVER)
    panel.login.setText("claire.dupont")
    panel.show_problem(SignInProblem.WRONG_PASSWORD)
    await camera.grab("01-sign-in", window)


async def _the_day(camera: Camera, board: Board, harness: Harness) -> None:
    window = harness.window
    harness.signed_in(AgentState.AVAILABLE)
    feed(harness.desk, _day_plan())
    waiting = [
        _call("c1", "pvp-riom", waited_s=260, reason="Prime d'activité et RSA"),
        _call("c2", "pvp-maurs", waited_s=95, reason="Changement de situation familiale"),
        _call("c3", "pvp-murat", waited_s=30, appointment_id="a1", appointment_due=True),
    ]
    feed(harness.desk, snapshot(*waiting))
    # In a permanence the camera is on (the engine says so), its preview beside the day.
    harness.desk.set_camera_on(True)
    window.idle_preview.show_frame(_picture(640, 480, (200, 170, 140)))
    window.tabs.setCurrentWidget(window.day_panel)
    await camera.grab("02-my-day", window)

    if camera.wants("14-booking", "15-appointments"):
        harness.bookings = await board.agent_bookings()
        window.open_booking(BookingDefaults(service="CAF", kiosk_id="pvp-riom"))
        booking = window.booking_dialog
        assert booking is not None
        booking.time.setCurrentText("11:00")
        booking.resident.setText("M. Roux")
        booking.purpose.setText("RSA : déclaration trimestrielle")
        await camera.grab("14-booking", booking)
        booking.save()
        await until(lambda: window.booking_dialog is None, what="the booking saved")
        window.open_appointments()
        listing = window.appointments_dialog
        assert listing is not None
        listing.mine.setChecked(False)
        await until(lambda: listing.table.rowCount() >= 2, what="the day's appointments")
        await camera.grab("15-appointments", listing)
        listing.accept()

    window.tabs.setCurrentWidget(window.queue_panel)
    await camera.grab("03-queue", window)

    if camera.wants("17-pause-reasons"):
        menu = window.presence.pause_menu
        menu.popup(window.presence.mapToGlobal(window.presence.rect().center()))
        await camera.grab("17-pause-reasons", menu)
        menu.hide()

    ringing = _call("c1", "pvp-riom", state=CallState.OFFERED, reason="Prime d'activité et RSA")
    feed(harness.desk, Offered(call=ringing, expires_in_s=20))
    await camera.grab("04-ringing", window)
    if camera.wants("04b-ringing-queue"):
        # Meanwhile the queue: another call rings at a colleague's (« (ringing) »
        # beside its commune), the reasons still whole beside the ring.
        elsewhere = _call(
            "c4", "pvp-neuveglise", waited_s=340, state=CallState.OFFERED,
            reason="Changement de situation familiale",
        )  # fmt: skip
        feed(harness.desk, snapshot(waiting[2], elsewhere, waiting[1]))
        window.tabs.setCurrentWidget(window.queue_panel)
        await camera.grab("04b-ringing-queue", window)
        window.tabs.setCurrentWidget(window.day_panel)


async def _a_call(camera: Camera, harness: Harness) -> None:
    from agentdesk.demo.samples import sample_bytes

    window = harness.window
    harness.clock.now = paris(10, 6)
    harness.in_call("c1", "Riom-ès-Montagnes")
    harness.clock.now = paris(10, 9) + 12  # a few minutes into the call
    connected = _call(
        "c1", "pvp-riom", state=CallState.CONNECTED, agent_login="agent.dupont",
        reason="Prime d'activité et RSA",
    )  # fmt: skip
    feed(harness.desk, CallUpdate(call=connected))
    # The network's services, as the switchboard's welcome names them.
    directory = [
        ServiceInfo(code="CAF", name="Allocations familiales (CAF)"),
        ServiceInfo(code="CPAM", name="Assurance maladie"),
        ServiceInfo(code="MSA", name="Mutualité sociale agricole"),
        ServiceInfo(code="UDAF", name="Union des associations familiales"),
    ]
    back = msgspec.structs.replace(welcome(AgentState.IN_CALL, connected), directory=directory)
    feed(harness.desk, back)
    feed(harness.desk, _day_plan())  # after a welcome, as the switchboard sends it
    window.call_panel.remote_video.show_frame(_picture(640, 480, (70, 110, 160)))
    window.call_panel.local_video.show_frame(_picture(320, 240, (200, 170, 140)))
    # The resident's scan beside the video, as the document channel delivers it.
    # As in the demo: the kiosk says how its scanner and printer are, a scan
    # the kiosk finds poor (its verdict shows under the viewer), a PDF of
    # several pages (the viewer's page label and arrows).
    documents = harness.desk.documents
    documents.peripheral("scanner", "ready")
    documents.peripheral("printer", "out_of_paper")
    for doc_id, name, mime, data, quality in (
        ("d1", "attestation-employeur-exemple.jpg", "image/jpeg",
         sample_bytes("attestation-employeur-exemple.jpg"), ("blurred", "low_resolution")),
        ("d2", "avis-imposition-exemple.pdf", "application/pdf", _pages(3), None),
    ):  # fmt: skip
        documents.begin(doc_id, name, mime, len(data), quality=quality)
        documents.complete(doc_id, data)
    strip = window.documents_panel.strip
    strip.setCurrentRow(1)
    window.documents_panel.viewer.next_button.click()  # « Page 2 of 3 »
    timer = window.call_panel.timer_label
    await until(lambda: not timer.text().endswith("00:00"), what="the call's duration (1 s ticks)")
    await camera.grab("05-in-call", window)
    strip.setCurrentRow(0)
    await camera.grab("05b-in-call-scan-verdict", window)
    if camera.wants("05c-in-call-scanner-down"):
        # A scan asked for, then the kiosk says its scanner stopped: the
        # longest status line under the documents (the video keeps its size).
        window.documents_panel.request_scan()
        documents.peripheral("scanner", "offline")
        await camera.grab("05c-in-call-scanner-down", window)
        documents.peripheral("scanner", "ready")
    strip.setCurrentRow(1)
    viewer = window.documents_panel.viewer
    viewer.zoom_in_button.click()
    viewer.zoom_in_button.click()
    await camera.grab("12-document-viewer", window)
    viewer.fit_button.click()

    if camera.wants("06-transfer"):
        from tests.ui.helpers import filled

        window.call_panel.open_transfer()
        dialog = window.call_panel.transfer_dialog
        assert dialog is not None
        await filled(dialog)
        await camera.grab("06-transfer", dialog)
        if camera.wants("06b-transfer-staffed"):
            # As a switchboard that says who is signed in answers.
            dialog.show_targets(_staffing(), staffing_known=True)
            await camera.grab("06b-transfer-staffed", dialog)
        dialog.reject()

    if camera.wants("13-quit-question"):
        window.close()  # a call goes on: AgentDesk asks first
        box = window.quit_question.box
        assert box is not None
        await camera.grab("13-quit-question", box)
        box.reject()


async def _after_the_call(camera: Camera, harness: Harness) -> None:
    window = harness.window
    harness.clock.now = paris(10, 17) + 40
    wrap = _call("c1", "pvp-riom", state=CallState.WRAP_UP, reason="Prime d'activité et RSA")
    feed(harness.desk, CallUpdate(call=wrap, end_reason=EndReason.AGENT_HUNG_UP))
    feed(harness.desk, status(AgentState.WRAP_UP, call_id="c1"))
    await camera.grab("07-wrap-up", window)

    harness.clock.now = paris(10, 19)
    await harness.desk.finish_wrap_up("Dossier complété", "Pièces reçues, dossier transmis.")
    harness.desk.documents.wipe()
    feed(harness.desk, status(AgentState.AVAILABLE))
    window.tabs.setCurrentWidget(window.history_panel)
    await camera.grab("16-history", window)


async def _devices(camera: Camera, harness: Harness) -> None:
    """The settings and the device check on the app's own backend: the test
    pattern for a camera, the stand-in sound card of the tests (no devices
    here); then the check again on a computer without a microphone."""
    if not camera.wants(*SETTINGS_PAGES, "10-device-check", "10b-no-microphone", "18-self-test"):
        return
    from agentdesk.engine.audio import AudioDevice
    from tests.engine.fake_audio import FakeCard, headset_and_builtin

    window = harness.window
    sound = (["Casque USB", "Intégré"], ["Casque USB", "Intégré"])
    async with _backend_on(window, headset_and_builtin(), sound):
        window.open_settings()
        settings = window.settings_dialog
        assert settings is not None
        await until(
            lambda: (
                settings.check_panel is not None and settings.check_panel.preview.frames_painted > 0
            ),
            what="the settings' camera preview",
        )
        for index, name in enumerate(SETTINGS_PAGES):
            settings.pages.setCurrentIndex(index)
            await camera.grab(name, settings)
        settings.pages.setCurrentIndex(0)
        if camera.wants("18-self-test"):
            # ``agentdesk self-test`` in its child process, on this machine's
            # devices: no camera and no sound card here, as it says.
            settings.test_button.click()
            test = settings.self_test
            assert test is not None
            await until(lambda: test.finished_ok is not None, 90, what="the hardware test")
            await camera.grab("18-self-test", test)
            test.reject()
        settings.reject()
        await until(lambda: window.settings_dialog is None, what="the settings closed")
        await _device_check(camera, window, "10-device-check", lambda p: p.meter.value() > 0)
    # A laptop whose sound card has speakers and no microphone: the check says so.
    speakers_only = FakeCard([AudioDevice("Haut-parleurs", 0, 2, 48_000.0, is_default_output=True)])
    async with _backend_on(window, speakers_only, ([], ["Haut-parleurs"])):
        await _device_check(
            camera, window, "10b-no-microphone", lambda p: p.no_microphone.isVisible()
        )


SETTINGS_PAGES = ("08-settings", "08b-settings-general", "08c-settings-outcomes")
"""The settings' pages, in the order of their tabs."""


@contextlib.asynccontextmanager
async def _backend_on(
    window: MainWindow, card: Any, sound: tuple[list[str], list[str]]
) -> AsyncIterator[None]:
    """The app's own backend on ``card`` (the tests' stand-in sound card,
    whose microphones and speakers are ``sound``), lent to the window's
    settings and to the first sign-in's device check."""
    from agentdesk.station.backend import DeskBackend

    backend = DeskBackend(window._flow.settings, camera_device="testsrc", audio=(card, None))
    window._device_check = backend.device_check
    window._devices = (["testsrc"], *sound)
    window.first_sign_in._open_check = backend.device_check
    window.first_sign_in._devices = window._devices
    try:
        yield
    finally:
        await backend.aclose()


async def _device_check(
    camera: Camera, window: MainWindow, name: str, ready: Callable[[Any], bool]
) -> None:
    if not camera.wants(name):
        return
    window.open_device_check()
    check = window.device_check_dialog
    assert check is not None
    await until(lambda: check.panel.preview.frames_painted > 0, what="the check's preview")
    await until(lambda: ready(check.panel), what="the check's microphone line")
    await camera.grab(name, check)
    check.reject()
    await until(lambda: window.device_check_dialog is None, what="the check closed")


async def _session_closed(camera: Camera, harness: Harness) -> None:
    """The switchboard closes the session (the account was disabled meanwhile)."""
    harness.desk.set_link(ConnectionState.UNAUTHORIZED, "account_disabled")
    window = harness.window
    await until(lambda: len(window.runner) == 0, what="the session's clean-up")
    await camera.grab("09-session-closed", window)
