"""« Ma journée »: today's permanences and booked residents, and what the desk
does about them (camera, presence, last calls, reminders)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from agentdesk.desk import Desk, DeskState
from agentdesk.desk.day import DayModel, DutyPhase, clock_text, paris_time
from agentdesk.desk.duty import DutyKeeper, Notice, NoticeKind

from . import day_texts
from .common import EmptyNote, Retranslating, fill_table, heading, list_table, share_width

_ABOUT_PRESENCE = (NoticeKind.STARTED_AVAILABLE, NoticeKind.STARTED_BUTTON)


class DayPanel(Retranslating, QWidget):
    book_requested = Signal()
    """The agent wants to book an appointment (the main window opens the form)."""
    list_requested = Signal()
    """The agent wants the appointments of a day (to change or cancel one)."""

    def __init__(
        self, desk: Desk, keeper: DutyKeeper | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._desk = desk
        self._keeper = keeper
        self._notice: Notice | None = None
        self._presence: DeskState | None = None

        self.title = heading()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.services = QLabel()
        self.services.setWordWrap(True)
        self.notice_label = QLabel()
        self.notice_label.setObjectName("dutyNotice")
        self.notice_label.setWordWrap(True)
        self.notice_label.setStyleSheet(
            "QLabel#dutyNotice { background: #e8f0fe; border: 1px solid #0b5cad; padding: 6px; }"
        )
        self.notice_label.hide()
        self.slots_title = heading()
        self.slots = list_table(3)
        self.appointments_title = heading()
        self.appointments = list_table(5)
        # What and where take the width left, wrapped: no sideways scrolling
        # in the narrow column of a small screen.
        share_width(self.appointments, 2, 3)
        self.no_slot = EmptyNote(self.slots)
        self.no_appointment = EmptyNote(self.appointments)
        self.book_button = QPushButton()
        self.book_button.clicked.connect(self.book_requested.emit)
        self.list_button = QPushButton()
        self.list_button.clicked.connect(self.list_requested.emit)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.list_button)
        buttons.addWidget(self.book_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
        layout.addWidget(self.services)
        layout.addWidget(self.notice_label)
        layout.addWidget(self.slots_title)
        layout.addWidget(self.slots, 1)
        layout.addWidget(self.appointments_title)
        layout.addWidget(self.appointments, 2)
        layout.addLayout(buttons)

        desk.events.day_changed.subscribe(lambda _day: self.refresh())
        # The banner says what the agent is now (available, on a break…).
        desk.events.presence_changed.subscribe(lambda _state: self._presence_changed())
        desk.events.state_changed.subscribe(lambda _state: self._presence_changed())
        desk.events.service_status_changed.subscribe(lambda _status: self.refresh())
        # What it says of the camera is what the camera does (a device check opens it).
        desk.events.media_changed.subscribe(lambda _media: self._show_summary())
        if keeper is not None:
            keeper.notice.subscribe(self._on_notice)
            keeper.phase_changed.subscribe(lambda _phase: self.refresh())
            # « Non » to « Vos permanences »: the banner says how calls start.
            keeper.settings_applied.subscribe(lambda _settings: self._show_notice())
        self.retranslate()

    def retranslate(self) -> None:
        self.slots_title.setText(self.tr("My permanences today"))
        self.appointments_title.setText(self.tr("Booked residents"))
        # Their headings name the tables for screen readers too.
        self.slots_title.setBuddy(self.slots)
        self.appointments_title.setBuddy(self.appointments)
        self.slots.setAccessibleName(self.slots_title.text())
        self.appointments.setAccessibleName(self.appointments_title.text())
        self.slots.setHorizontalHeaderLabels(
            [self.tr("Time"), self.tr("Service"), self.tr("Kiosks")]
        )
        self.appointments.setHorizontalHeaderLabels(
            [
                self.tr("Time"),
                self.tr("Resident"),
                self.tr("Purpose"),
                self.tr("Kiosk"),
                self.tr("State"),
            ]
        )
        self.book_button.setText(self.tr("&Book an appointment…"))
        self.book_button.setToolTip(self.tr("For a resident: service, kiosk, day and time"))
        self.list_button.setText(self.tr("&Appointments…"))
        self.list_button.setToolTip(self.tr("Any day's appointments: change, cancel"))
        self.refresh()

    def _on_notice(self, notice: Notice) -> None:
        self._notice = notice
        self._presence = None  # as the notice says, until the presence changes
        self._show_notice()
        self.refresh()

    def _presence_changed(self) -> None:
        self._presence = self._desk.state
        if self._presence is DeskState.SIGNED_OUT:
            # The next person to sign in at this window must not read the last
            # agent's notice (a resident's name, another service's permanence).
            self._notice = None
            self.notice_label.clear()
            self.notice_label.hide()
            return
        self._show_notice()

    def _show_notice(self) -> None:
        notice = self._notice
        text = (
            "" if notice is None else day_texts.notice_text(notice, self._desk.day, self._presence)
        )
        if notice is None or notice.kind not in _ABOUT_PRESENCE:
            # The start of a permanence already says whether to press « Disponible ».
            text = "\n".join(line for line in (text, self._press_available()) if line)
        self.notice_label.setText(text)
        self.notice_label.setVisible(bool(text))

    def _press_available(self) -> str:
        """For an agent who chose to go available themselves (« Non » at the
        first sign-in), while no call can ring: how calls start."""
        keeper = self._keeper
        if keeper is None or keeper.settings.auto_available is not False:
            return ""
        if self._desk.state not in (DeskState.PAUSED, DeskState.OFFLINE):
            return ""
        phase = self._desk.day.phase(self._desk.now(), keeper.settings.warm_up_s)
        if phase in (DutyPhase.ON, DutyPhase.NO_PLAN):
            return self.tr("No call reaches you now: press “Available” to receive calls.")
        return self.tr(
            "At the start of your permanences, press “Available” to receive calls "
            "(you chose to do it yourself)."
        )

    @property
    def notice_text(self) -> str:
        return "" if self.notice_label.isHidden() else self.notice_label.text()

    def refresh(self) -> None:
        day = self._desk.day
        now = self._desk.now()
        when = day_texts.date_text(paris_time(now).date())
        self.title.setText(self.tr("My day — %1").replace("%1", when))
        self._show_summary()
        statuses = [self._desk.service_status[k] for k in sorted(self._desk.service_status)]
        self.services.setText(" · ".join(day_texts.service_status_text(s) for s in statuses))
        self.services.setVisible(bool(statuses))
        # Said once the day is known; before, the summary says it is loading.
        self.no_slot.set_text(self.tr("No permanence today") if day.known else "")
        self.no_appointment.set_text(self.tr("No appointment today") if day.known else "")
        fill_table(
            self.slots,
            [
                (
                    day_texts.slot_time(s.starts_at, s.ends_at),
                    s.service,
                    ", ".join(day.kiosk_label(k) for k in s.kiosk_ids) or self.tr("every kiosk"),
                )
                for s in day.slots
            ],
        )
        self._show_notice()
        fill_table(
            self.appointments,
            [
                (
                    clock_text(a.starts_at),
                    a.resident_name,
                    a.purpose,
                    day.kiosk_label(a.kiosk_id),
                    day_texts.appointment_state_text(a.state),
                )
                for a in day.appointments
            ],
        )

    def _show_summary(self) -> None:
        self.summary.setText(self._summary(self._desk.day, self._desk.now()))

    def _summary(self, day: DayModel, now: float) -> str:
        camera_on = self._desk.media.camera_on
        warm_up = self._keeper.settings.warm_up_s if self._keeper else 0.0
        phase = day.phase(now, warm_up)
        if phase is DutyPhase.NO_PLAN:
            return self.tr("No permanence calendar for your services: calls may come all day.")
        if not day.known:
            return self.tr("Loading your day…")
        if not day.slots:
            if camera_on:
                return self.tr("No permanence for you today; your camera is on for now.")
            return self.tr("No permanence for you today: your camera stays off.")
        current = day.current_span(now, warm_up)
        if current is not None:
            return (
                self.tr("On permanence until %1 (%2).")
                .replace("%1", clock_text(current.ends_at))
                .replace("%2", ", ".join(sorted(current.services)))
            )
        upcoming = day.next_span(now, warm_up)
        if upcoming is None:
            return self.tr("Your permanences are over for today.")
        if camera_on:  # opened before its time (a device check)
            return (
                self.tr("Next permanence at %1 (%2).")
                .replace("%1", clock_text(upcoming.starts_at))
                .replace("%2", ", ".join(sorted(upcoming.services)))
            )
        return (
            self.tr("Next permanence at %1 (%2). Your camera opens at %3.")
            .replace("%1", clock_text(upcoming.starts_at))
            .replace("%2", ", ".join(sorted(upcoming.services)))
            .replace("%3", clock_text(upcoming.starts_at - warm_up))
        )
