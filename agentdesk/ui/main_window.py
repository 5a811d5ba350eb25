"""The main window: it only builds the panels and switches between them."""

from __future__ import annotations

import logging
import sys
from collections.abc import Awaitable, Callable, Sequence

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QSystemTrayIcon,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from agentdesk.desk import (
    ConnectionState,
    CurrentCall,
    Desk,
    DeskSettings,
    DeskState,
    DocumentsService,
    SettingsStore,
    SignInError,
    SignInFlow,
    SignInProblem,
)
from agentdesk.desk.booking import BookingDefaults, Bookings
from agentdesk.desk.day import DutyPhase, paris_time
from agentdesk.desk.duty import DutyKeeper, Notice, NoticeKind
from agentdesk.protocol import CallInfo, OfferWithdrawnReason

from . import day_texts, texts, transfer_dialog
from .appointments_dialog import AppointmentsDialog
from .booking_dialog import BookingDialog, booked_text
from .call_panel import CallPanel
from .common import Confirm, Retranslating, ask, set_text_size
from .day_panel import DayPanel
from .device_check import DeviceCheckDialog, OpenDeviceCheck
from .documents_panel import ChooseFile, ChooseFolder, DocumentsPanel
from .file_dialogs import choose_print_file, choose_save_folder
from .first_sign_in import FirstSignIn
from .history_panel import HistoryPanel
from .i18n_runtime import LanguageSwitcher
from .idle_preview import IdlePreview
from .offer_panel import OfferPanel, Ringer
from .presence_bar import PresenceBar
from .queue_panel import QueuePanel
from .quit_question import QuitChoice, QuitQuestion
from .runner import ActionRunner
from .settings_dialog import SettingsDialog
from .sign_in import SignInPanel, StartSession
from .tray import TrayActions, make_tray
from .video import FrameFanout
from .wrap_up_panel import WrapUpPanel

log = logging.getLogger(__name__)

NARROW_WIDTH = 1200
"""Below this width (in Qt's scaled pixels: a 1366 px laptop at 150 % has
910), the call takes the whole width and the tabs wait behind it."""


class CurrentPageStack(QStackedWidget):
    """A stack as small as the page it shows, not as its largest page: the
    call page's width must not keep the sign-in page from fitting a small screen."""

    def minimumSizeHint(self) -> QSize:
        page = self.currentWidget()
        return page.minimumSizeHint() if page is not None else super().minimumSizeHint()

    def sizeHint(self) -> QSize:
        page = self.currentWidget()
        return page.sizeHint() if page is not None else super().sizeHint()


class MainWindow(Retranslating, QMainWindow):
    settings_changed = Signal(object)
    """A new ``DeskSettings`` record was saved (devices, preview rate: for the engine)."""
    closing = Signal()
    """The agent closed the window (after confirming): the app shuts down."""

    def __init__(
        self,
        desk: Desk,
        sign_in: SignInFlow,
        documents_service: DocumentsService,
        start_session: StartSession,
        settings_store: SettingsStore,
        *,
        languages: LanguageSwitcher | None = None,
        confirm: Confirm = ask,
        choose_file: ChooseFile = choose_print_file,
        choose_folder: ChooseFolder = choose_save_folder,
        tray: bool = True,
        end_session: Callable[[], Awaitable[None]] | None = None,
        devices: tuple[Sequence[str], Sequence[str], Sequence[str]] = ((), (), ()),
        duty: DutyKeeper | None = None,
        bookings: Callable[[], Bookings | None] = lambda: None,
        test_ring: Callable[[int], None] = lambda _volume: None,
        device_check: OpenDeviceCheck | None = None,
        tray_available: bool | None = None,
    ) -> None:
        """``device_check``: the live device check (settings, first sign-in);
        ``tray_available``: whether the desktop has a tray (None: ask Qt)."""
        super().__init__()
        self.desk = desk
        self._flow = sign_in
        self._store = settings_store
        self._languages = languages
        self._confirm = confirm
        self._devices = devices
        self._test_ring = test_ring
        self._device_check = device_check
        self._duty = duty
        self.first_sign_in = FirstSignIn(
            self, lambda: self._flow.settings, self.apply_settings, devices, device_check
        )
        self._quitting = False
        """Quit was chosen (the tray's menu): closing offers no tray."""
        self.last_message = ""
        self._presence_notice: tuple[Notice, str] | None = None
        """The permanence's start as the status bar shows it, if it does."""
        self.bug_box: QMessageBox | None = None
        self.runner = ActionRunner(self.tell, self._report_bug)
        self.settings_dialog: SettingsDialog | None = None
        self._close_confirmed = False
        self.quit_question = QuitQuestion(self, desk, self._quit_answered)
        self._bookings = bookings
        self._end_session = end_session
        self._base_point_size = QApplication.font().pointSizeF()
        set_text_size(sign_in.settings.text_size, self._base_point_size)
        self.booking_dialog: BookingDialog | None = None
        self.appointments_dialog: AppointmentsDialog | None = None

        self.sign_in_panel = SignInPanel(sign_in, start_session, self.runner)
        self.presence = PresenceBar(desk, self.runner)
        tray_actions = TrayActions(
            show_window=self.show_from_tray,
            go_available=lambda: self.presence.available_button.click(),
            pause_menu=self.presence.pause_menu,
            quit=self.quit_from_tray,
        )
        self.agent_tray = (
            make_tray(self, desk, tray_actions, available=tray_available) if tray else None
        )
        self.tray: QSystemTrayIcon | None = self.agent_tray
        self.ringer = Ringer(self, self.tray)
        self.offer_panel = OfferPanel(desk, self.runner, self.ringer)
        self.queue_panel = QueuePanel(desk, self.runner)
        self.history_panel = HistoryPanel(desk)
        self.day_panel = DayPanel(desk, duty)
        self.call_panel = CallPanel(desk, self.runner, confirm, self._transfer_targets)
        self.wrap_up_panel = WrapUpPanel(
            desk, self.runner, lambda: list(self._flow.settings.wrap_up_outcomes), confirm
        )
        self.documents_panel = DocumentsPanel(
            desk, documents_service, self.runner, choose_file, choose_folder
        )
        self.idle = IdlePreview(desk)
        self.idle_preview = self.idle.preview

        # Where the engine hands frames (thread-safe sinks).
        self.remote_video_sink = self.call_panel.remote_video
        self.local_video_sink = FrameFanout(self.idle_preview, self.call_panel.local_video)

        self.tabs = QTabWidget()
        self.tabs.addTab(self.day_panel, "")
        self.tabs.addTab(self.queue_panel, "")
        self.tabs.addTab(self.history_panel, "")

        idle_page = QWidget()
        idle_layout = QVBoxLayout(idle_page)
        # The ring shows above the preview, beside the tabs: it pushes nothing
        # the agent might be about to click.
        idle_layout.addWidget(self.offer_panel)
        idle_layout.addWidget(self.idle, 1)

        self.call_side = QStackedWidget()
        self.call_side.addWidget(self.call_panel)
        self.call_side.addWidget(self.wrap_up_panel)
        self.call_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.call_splitter.addWidget(self.call_side)
        self.call_splitter.addWidget(self.documents_panel)
        self.call_splitter.setStretchFactor(0, 3)
        self.call_splitter.setStretchFactor(1, 2)

        self.work = CurrentPageStack()
        self.work.addWidget(idle_page)
        self.work.addWidget(self.call_splitter)

        self.body = QSplitter(Qt.Orientation.Horizontal)
        self.body.addWidget(self.tabs)
        self.body.addWidget(self.work)
        # Half each: on a laptop at 150 % the day's and the queue's tables
        # need the room more than the camera's preview does.
        self.body.setStretchFactor(0, 1)
        self.body.setStretchFactor(1, 1)
        self.body.setSizes([600, 600])

        desk_page = QWidget()
        desk_layout = QVBoxLayout(desk_page)
        desk_layout.addWidget(self.presence)
        desk_layout.addWidget(self.body, 1)

        self.pages = CurrentPageStack()
        self.pages.addWidget(self.sign_in_panel)
        self.pages.addWidget(desk_page)
        self.setCentralWidget(self.pages)

        self.day_panel.book_requested.connect(lambda: self.open_booking(BookingDefaults()))
        self.day_panel.list_requested.connect(self.open_appointments)
        self.wrap_up_panel.appointment_wanted.connect(self._book_after_call)
        # The agent's messages wrap: a status bar message is cut at the first
        # permanent widget, and on a small screen that cut off the check-in code.
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setObjectName("agentMessage")
        self._message_timer = QTimer(self)
        self._message_timer.setSingleShot(True)
        self._message_timer.timeout.connect(self.message.clear)
        self.statusBar().addWidget(self.message, 1)
        self.statusBar().addPermanentWidget(self.presence.link_label)
        self.statusBar().addPermanentWidget(self.presence.camera_label)
        self.statusBar().addPermanentWidget(self.presence.who)
        self.presence.settings_button.clicked.connect(self.open_settings)
        self.presence.sign_out_requested.connect(self.sign_out)
        self._shown_state = desk.state
        desk.events.state_changed.subscribe(self._on_state)
        desk.events.call_changed.subscribe(self._on_call)
        desk.events.offer_withdrawn.subscribe(self._on_withdrawn)
        desk.events.call_interrupted.subscribe(self._on_interrupted)
        desk.events.server_error.subscribe(lambda exc: self.tell(texts.error_text(exc)))
        desk.events.transfer_result.subscribe(lambda r: self.tell(transfer_dialog.result_text(r)))
        desk.events.link_changed.subscribe(self._on_link)
        desk.events.identity_changed.subscribe(self._on_identity)
        desk.events.day_changed.subscribe(self.first_sign_in.day_drawn)
        if duty is not None:
            duty.notice.subscribe(self._on_notice)
        self.retranslate()
        self._on_state(desk.state)

    # ------------------------------------------------------------- language

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("AgentDesk — video desk"))
        if self.agent_tray is not None:
            self.agent_tray.retranslate()
        self.tabs.setTabText(0, self.tr("My &day"))
        self.tabs.setTabText(1, self.tr("&Queue"))
        self.tabs.setTabText(2, self.tr("Today's &calls"))
        self.tabs.setAccessibleName(self.tr("My day, queue and today's calls"))
        self.tabs.tabBar().setAccessibleName(self.tr("Pages"))

    # ------------------------------------------------------------- messages

    def tell(self, text: str) -> None:
        """A sentence for the agent in the status bar (and the log, without data)."""
        self.last_message = text
        self.message.setText(text)
        self._message_timer.start(20_000)

    def show_bug(self, text: str) -> None:
        """Shown by the crash guard: the app carries on."""
        box = self.bug_box
        if box is None:
            box = QMessageBox(self)
            box.setIcon(QMessageBox.Icon.Warning)
            box.setWindowTitle(self.tr("Unexpected error"))
            box.setModal(False)
            self.bug_box = box
        box.setText(
            self.tr(
                "Something unexpected happened. The app keeps running; the details "
                "were written to its log file."
            )
        )
        box.setDetailedText(text)
        box.show()

    def _report_bug(self, exc: BaseException) -> None:
        # Routed through sys.excepthook so the crash guard logs and shows it.
        sys.excepthook(type(exc), exc, exc.__traceback__)

    # ------------------------------------------------------------- switching

    def _on_state(self, state: DeskState) -> None:
        if self._shown_state is DeskState.SIGNED_OUT and state is not DeskState.SIGNED_OUT:
            # A new session: what was said to the one before (« Vous êtes
            # déconnecté », a resident's arrival) is not for this agent.
            self._message_timer.stop()
            self.message.clear()
            self._presence_notice = None
        self._shown_state = state
        self._follow_presence(state)
        if self.pages.currentIndex() in (0, 1):  # not over a supervisor's view
            self.pages.setCurrentIndex(0 if state is DeskState.SIGNED_OUT else 1)
        in_call_page = state in (DeskState.IN_CALL, DeskState.WRAP_UP)
        self.work.setCurrentIndex(1 if in_call_page else 0)
        self.call_side.setCurrentIndex(1 if state is DeskState.WRAP_UP else 0)
        self._fit_tabs()
        for stack in (self.work, self.pages):
            stack.updateGeometry()

    def _follow_presence(self, state: DeskState) -> None:
        """The permanence's start in the status bar says what the agent is now:
        « vous êtes disponible » is stale on a break, and gone once a call rings."""
        if self._presence_notice is None:
            return
        notice, shown = self._presence_notice
        if self.message.text() != shown:
            self._presence_notice = None  # another sentence replaced it, or it expired
            return
        if state.busy or state is DeskState.SIGNED_OUT:
            self._presence_notice = None
            self.message.clear()
            return
        text = day_texts.notice_text(notice, self.desk.day, state)
        self._presence_notice = (notice, text)
        self.last_message = text
        self.message.setText(text)

    def _fit_tabs(self) -> None:
        narrow = self.width() < NARROW_WIDTH
        self.tabs.setVisible(not (narrow and self.work.currentIndex() == 1))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_tabs()

    def _on_call(self, call: CurrentCall | None) -> None:
        if call is None:
            self._on_state(self.desk.state)

    def _on_identity(self, identity: object) -> None:
        # On sign-in the agent first sees their day; an offer still brings the queue.
        if identity is not None:
            self.tabs.setCurrentWidget(self.day_panel)
            self.first_sign_in.signed_in()

    @property
    def device_check_dialog(self) -> DeviceCheckDialog | None:
        """The first sign-in's device check, while it shows."""
        return self.first_sign_in.device_check_dialog

    def open_device_check(self) -> None:
        self.first_sign_in.open_device_check()

    def _on_notice(self, notice: Notice) -> None:
        text = day_texts.notice_text(notice, self.desk.day)
        if not text:
            return
        self.tell(text)
        if notice.kind in (NoticeKind.STARTED_AVAILABLE, NoticeKind.STARTED_BUTTON):
            self._presence_notice = (notice, text)
        if notice.kind is NoticeKind.CHECKED_IN:
            self.tabs.setCurrentWidget(self.queue_panel)
        if self.tray is not None and self.tray.isVisible():
            self.tray.showMessage(self.tr("My day"), text)

    def _on_withdrawn(self, reason: OfferWithdrawnReason) -> None:
        self.tell(texts.withdrawn_text(reason))

    def _on_interrupted(self, call: CurrentCall) -> None:
        self.tell(
            self.tr(
                "The connection was lost during the call from %1: the call went back "
                "to the head of the queue."
            ).replace("%1", call.call.commune)
        )

    def _on_link(self, status: ConnectionState) -> None:
        if status is ConnectionState.UNAUTHORIZED:
            self._session_closed(self.desk.link_reason)
        elif status is ConnectionState.REPLACED:
            self.desk.signed_out()
            self.tell(texts.link_text(status))

    def _session_closed(self, reason: str | None) -> None:
        """The switchboard ended the session (account disabled, signed out
        elsewhere…): the sign-in page at once, saying why, and nothing of the
        session kept (its connection, its saved credential, its dialogs)."""
        for dialog in (self.booking_dialog, self.appointments_dialog):
            if dialog is not None:
                dialog.reject()
        self.desk.signed_out()
        self.sign_in_panel.prefill(self._flow.settings.server_url, self._flow.settings.last_login)
        self.sign_in_panel.show_problem(SignInError(SignInProblem.SESSION_ENDED, reason=reason))
        self.runner.run(self._forget_session(), "session-closed")

    async def _forget_session(self) -> None:
        if self._end_session is not None:
            await self._end_session()
        self._flow.sign_out()

    def sign_out(self) -> None:
        if self.desk.state.busy:
            self.tell(self.tr("Finish the call before signing out."))
            return
        self.runner.run(self._sign_out(), "sign-out")

    async def _sign_out(self) -> None:
        # The switchboard hears "offline" first: no call is offered meanwhile.
        if self._end_session is not None:
            await self._end_session()
        self._flow.sign_out()
        self.desk.signed_out()
        self.sign_in_panel.prefill(self._flow.settings.server_url, self._flow.settings.last_login)
        self.sign_in_panel.password.setFocus()
        self.tell(self.tr("You are signed out."))

    def show_supervision(self, view: QWidget) -> None:
        """A supervisor signed in: their view takes the place of the desk."""
        self.pages.addWidget(view)
        self.pages.setCurrentWidget(view)

    def _transfer_targets(self) -> list[str]:
        return self.desk.transfer_targets(self._flow.settings.transfer_services)

    # ------------------------------------------------------------- booking

    def _book_after_call(self, call: CallInfo) -> None:
        self.desk.day.kiosk_names.setdefault(call.kiosk_id, call.kiosk_name)
        self.open_booking(BookingDefaults(service=call.service, kiosk_id=call.kiosk_id))

    def _known_agents(self) -> list[tuple[str, str]]:
        """Who a booking may name, by name: the agent booking (the switchboard
        tells an agent no colleague's login)."""
        me = self.desk.identity
        return [(me.login, me.display_name)] if me is not None else []

    def open_booking(self, defaults: BookingDefaults) -> None:
        bookings = self._bookings()
        if bookings is None:
            self.tell(self.tr("Booking needs a connection to the switchboard."))
            return
        dialog = BookingDialog(
            bookings,
            defaults,
            self.desk.services,
            self._known_kiosks(),
            self.desk.now,
            self,
            on_error=self._report_bug,
            agents=self._known_agents(),
        )
        self.booking_dialog = dialog

        def done(_result: int) -> None:
            if dialog.result_appointment is not None:
                self.tell(booked_text(dialog.result_appointment))
                if self.appointments_dialog is not None:
                    self.appointments_dialog.reload()
            self.runner.run(dialog.aclose(), "booking-close")
            dialog.deleteLater()
            if self.booking_dialog is dialog:
                self.booking_dialog = None

        dialog.finished.connect(done)
        dialog.open()

    def _known_kiosks(self) -> list[tuple[str, str]]:
        day = self.desk.day
        kiosk_ids = sorted({k for s in day.slots for k in s.kiosk_ids} | set(day.kiosk_names))
        return [(k, day.kiosk_label(k)) for k in kiosk_ids]

    def open_appointments(self) -> None:
        bookings = self._bookings()
        if bookings is None or self.desk.identity is None:
            self.tell(self.tr("Booking needs a connection to the switchboard."))
            return
        dialog = AppointmentsDialog(
            bookings,
            self.desk.identity.login,
            self._known_kiosks(),
            paris_time(self.desk.now()).date(),
            self.open_booking,
            self._confirm,
            self,
            on_error=self._report_bug,
            agents=self._known_agents(),
        )
        self.appointments_dialog = dialog

        def done(_result: int) -> None:
            self.runner.run(dialog.aclose(), "appointments-close")
            dialog.deleteLater()
            if self.appointments_dialog is dialog:
                self.appointments_dialog = None

        dialog.finished.connect(done)
        dialog.open()
        dialog.reload()

    # ------------------------------------------------------------- settings

    def open_settings(self) -> None:
        cameras, microphones, speakers = self._devices
        dialog = SettingsDialog(
            self._flow.settings,
            cameras,
            microphones,
            speakers,
            self,
            test_ring=self._test_ring,
            device_check=self._device_check,
        )
        self.settings_dialog = dialog

        def done(_result: int) -> None:
            new = dialog.result_settings()
            if new is not None:
                self.apply_settings(new)
            dialog.deleteLater()
            self.settings_dialog = None

        dialog.finished.connect(done)
        dialog.open()

    def apply_settings(self, settings: DeskSettings) -> None:
        self._flow.settings = settings
        try:
            self._store.save(settings)
        except OSError as exc:
            self.tell(self.tr("The settings could not be saved: %1").replace("%1", str(exc)))
        self.desk.auto_accept = settings.auto_accept
        set_text_size(settings.text_size, self._base_point_size)
        if self._languages is not None and self._languages.language is not settings.language:
            self._languages.use(settings.language)
        self.wrap_up_panel.reload_outcomes()
        self.settings_changed.emit(settings)

    # ------------------------------------------------------------- closing

    def closeEvent(self, event: QCloseEvent) -> None:
        tray = self.agent_tray is not None and not self._quitting and self._on_duty()
        if (self.desk.state.busy or tray) and not self._close_confirmed:
            # Asked without blocking: the question follows the call's state.
            event.ignore()
            self.quit_question.ask(tray=tray)
            return
        event.accept()
        self.closing.emit()

    def _on_duty(self) -> bool:
        """Signed in and not offline, or in a permanence: calls may come."""
        return self.desk.state not in (DeskState.SIGNED_OUT, DeskState.OFFLINE) or (
            self._duty is not None and self._duty.phase in (DutyPhase.WARM_UP, DutyPhase.ON)
        )

    def show_from_tray(self) -> None:
        self.showNormal()
        self.raise_()
        self.activateWindow()

    def quit_from_tray(self) -> None:
        """The tray's « Quit »: the window comes back if a call needs asking about."""
        self._quitting = True
        if self.desk.state.busy:
            self.show_from_tray()
        self.close()

    def _quit_answered(self, choice: QuitChoice) -> None:
        self._quitting = False
        if choice is QuitChoice.TRAY:
            self.hide()
            if self.tray is not None:
                self.tray.showMessage(
                    self.tr("AgentDesk"),
                    self.tr("AgentDesk keeps running here: calls still ring."),
                )
            return
        if choice is not QuitChoice.QUIT:
            return
        self._close_confirmed = True
        # The state now, not when asked: the ring may have stopped meanwhile.
        if self.desk.state is DeskState.IN_CALL:
            self.runner.run(self.desk.hang_up(), "hang-up-on-quit")
        elif self.desk.state is DeskState.OFFERED:
            self.runner.run(self.desk.decline(), "decline-on-quit")
        self.close()
