"""The agent's permanence day in the app, offscreen, against a real switchboard
whose clock the test sets (the app's clock follows it): « Ma journée » from the
live day plan, the camera released then opened, available at the slot's
start by itself, a booking from the app.  Screenshots land in tmp_path, or in
AGENTDESK_SCREENSHOTS (docs/screenshots) to keep them."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

from agentdesk.client.bookings import ApiBookings
from agentdesk.desk import DeskState
from agentdesk.desk.booking import BookingDraft
from agentdesk.protocol.schedule import PermanenceDraft
from agentdesk.ui.appointments_dialog import AppointmentsDialog
from agentdesk.ui.booking_dialog import BookingDialog
from agentdesk.ui.i18n_runtime import LanguageSwitcher
from tests.client.calendar_support import calendar_for, paris, set_clock
from tests.support.switchboard import PASSWORD, Provisioned, start_switchboard
from tests.ui.real_app import App, until


class FollowingClock:
    """The app's clock, moved with the switchboard's: real time from the
    instant the test chose."""

    def __init__(self, now: float) -> None:
        self.set(now)

    def set(self, now: float) -> None:
        self._offset = now - time.time()

    def __call__(self) -> float:
        return time.time() + self._offset


def shots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("AGENTDESK_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_a_permanence_day_in_the_app(
    scenario: Any,
    db: Path,
    accounts: Provisioned,
    tmp_path: Path,
    qtbot: Any,
    french: LanguageSwitcher,
) -> None:
    folder = shots(tmp_path)

    async def body() -> None:
        sb = await start_switchboard(db, "--test-clock")
        clock = FollowingClock(paris(8, 30))
        await set_clock(sb, clock())
        sup = await calendar_for(sb, "sup.caf")
        for kiosks, start, end in ((["pvp-murat", "pvp-riom"], "09:00", "12:00"),
                                   (["pvp-maurs"], "14:00", "16:30")):  # fmt: skip
            await sup.add_permanence(
                PermanenceDraft(service="CAF", kiosk_ids=kiosks, weekday=1, start=start, end=end)
            )
        await sup.aclose()
        agent_api = await calendar_for(sb, "agent.caf")
        await ApiBookings(agent_api).book(
            BookingDraft("CAF", "pvp-murat", paris(10), 20, "Prime d'activité", "Mme Martin")
        )
        await agent_api.aclose()

        app = App(tmp_path, french, sb.url, qtbot, clock=clock, auto_available=True)
        window = app.window
        try:
            app.sign_in("agent.caf", PASSWORD)
            day = window.day_panel
            await until(lambda: day.appointments.rowCount() == 1, what="the day plan")
            assert window.tabs.currentWidget() is day
            assert day.slots.rowCount() == 2
            assert day.slots.item(0, 0).text() == "09:00–12:00"
            assert day.appointments.item(0, 1).text() == "Mme Martin"
            # Kiosks by the names residents know, not by id.
            assert day.slots.item(0, 2).text() == "PVP Murat, PVP Riom-ès-Montagnes"
            assert day.appointments.item(0, 3).text() == "PVP Murat"
            assert day.summary.text().startswith("Prochaine permanence à 09:00 (CAF)")
            assert "CAF : fermé, ouvre mardi 01/12/2026 à 09:00" in day.services.text()
            # Outside the slot: offline, camera released (its light off).
            assert app.desk.state is DeskState.PAUSED or app.desk.state is DeskState.OFFLINE
            assert not app.desk.media.camera_on
            assert not app.backend.camera.running

            # A few minutes before: the camera opens; at the start, available.
            clock.set(paris(8, 56))
            await set_clock(sb, clock())
            app.duty.evaluate()  # the clock jumped: as a laptop waking up would
            await until(lambda: app.backend.camera.running, what="camera opened")
            await until(window.idle_preview.has_frame, what="the preview")
            clock.set(paris(8, 59) + 58)
            await set_clock(sb, clock())
            app.duty.evaluate()
            await until(lambda: app.desk.state is DeskState.AVAILABLE, 15, what="available")
            await until(
                lambda: "CAF : ouvert jusqu'à 12:00" in day.services.text(), what="CAF open"
            )
            assert day.notice_text.startswith("Votre permanence a commencé")
            window.tabs.setCurrentWidget(day)
            window.grab().save(str(folder / "desk-my-day.png"))

            # Booking from the app: the form, then the day plan shows it.
            day.book_button.click()
            dialog = window.booking_dialog
            assert isinstance(dialog, BookingDialog)
            # Every kiosk of the network, by name (here with no permanence yet).
            assert dialog.kiosk.itemText(dialog.kiosk.findData("pvp-saignes")) == "PVP Saignes"
            dialog.kiosk.setCurrentIndex(dialog.kiosk.findData("pvp-riom"))
            dialog.time.setCurrentText("11:00")
            dialog.duration.setCurrentIndex(dialog.duration.findData(30))
            dialog.resident.setText("M. Roux")
            dialog.purpose.setText("RSA : déclaration trimestrielle")
            dialog.grab().save(str(folder / "desk-booking.png"))
            dialog.time.setCurrentText("15:00")  # CAF is not at Riom in the afternoon
            dialog.save()
            await until(lambda: "Prochaine ouverture" in dialog.problem.text(), what="refused")
            assert dialog.problem.text() == (
                "Le service ne tient pas de permanence à cette borne à cette heure-là. "
                "Prochaine ouverture : mardi 08/12/2026 à 09:00."
            )
            dialog.time.setCurrentText("11:00")
            dialog.save()
            await until(lambda: day.appointments.rowCount() == 2, what="booked, in my day")
            assert day.appointments.item(1, 1).text() == "M. Roux"
            assert "Code de présence à donner à l'usager" in window.last_message

            # The day's appointments: change one, cancel another.
            day.list_button.click()
            listing = window.appointments_dialog
            assert isinstance(listing, AppointmentsDialog)
            listing.mine.setChecked(False)
            await until(lambda: listing.table.rowCount() == 2, what="the day's appointments")
            assert [listing.table.item(r, 1).text() for r in range(2)] == ["Mme Martin", "M. Roux"]
            assert [listing.table.item(r, 4).text() for r in range(2)] == [
                "PVP Murat",
                "PVP Riom-ès-Montagnes",
            ]
            assert len(listing.table.item(1, 7).text()) == 6  # the check-in code, to tell again
            listing.table.selectRow(1)
            listing.change_button.click()
            change = window.booking_dialog
            assert isinstance(change, BookingDialog)
            assert change.windowTitle() == "Modifier le rendez-vous"
            assert change.resident.text() == "M. Roux"
            change.time.setCurrentText("11:15")
            change.save()
            await until(lambda: listing.table.item(1, 0).text() == "11:15", what="changed")
            listing.table.selectRow(0)
            listing.cancel_button.click()
            await until(lambda: listing.table.item(0, 6).text() == "Annulé", what="cancelled")
            assert not listing.change_button.isEnabled()
            listing.accept()
        finally:
            await app.close()
            await sb.stop()

    scenario(body)
