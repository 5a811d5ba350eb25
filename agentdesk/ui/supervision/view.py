"""The supervisor's screen: the live view of the agency and its figures."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from agentdesk.desk import TaskOwner
from agentdesk.desk.booking import Bookings
from agentdesk.protocol.schedule import kiosk_label
from agentdesk.supervision import Alert, FiguresModel, LiveBoard
from agentdesk.supervision.calendar import CalendarModel
from agentdesk.supervision.fleet import FleetModel

from ..common import Retranslating, heading, sized_by_current_page
from ..file_dialogs import choose_save_path
from . import texts
from .calendar_panel import CalendarPanel
from .figures_panel import ChoosePath, FiguresPanel
from .fleet_panel import FleetPanel
from .live_panel import LivePanel

Notify = Callable[[str, str], None]
"""(title, text): a desktop notification (the app's tray icon)."""


class SupervisionView(Retranslating, QWidget):
    def __init__(
        self,
        board: LiveBoard,
        figures: FiguresModel,
        *,
        agency_name: str = "",
        notify: Notify | None = None,
        choose_path: ChoosePath = choose_save_path,
        on_error: Callable[[BaseException], None] | None = None,
        calendar: CalendarModel | None = None,
        bookings: Bookings | None = None,
        login: str = "",
        fleet: FleetModel | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.board = board
        self.agency_name = agency_name
        self._notify = notify
        self.tasks = TaskOwner(on_error)
        self.alerts: list[Alert] = []

        self.title = heading()
        self.status = QLabel()
        self.status.setObjectName("feedStatus")
        self.banner = QFrame()
        self.banner.setObjectName("alertBanner")
        self.banner.setStyleSheet(
            "QFrame#alertBanner { background: #fde7e4; border: 1px solid #b3261e; }"
        )
        self.banner_text = QLabel()
        self.banner_text.setWordWrap(True)
        self.dismiss = QPushButton()
        banner_layout = QHBoxLayout(self.banner)
        banner_layout.addWidget(self.banner_text, 1)
        banner_layout.addWidget(self.dismiss)
        self.banner.hide()

        self.live = LivePanel(board)
        self.figures = FiguresPanel(figures, board.services, self.tasks, choose_path=choose_path)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.live, "")
        self.tabs.addTab(self.figures, "")
        self.calendar: CalendarPanel | None = None
        if calendar is not None:
            self.calendar = CalendarPanel(
                calendar,
                board.services,
                self.tasks,
                bookings=bookings,
                login=login,
                waiting=board.waiting_in,
                agents=board.agent_names,
            )
            self.tabs.addTab(self.calendar, "")
        self.fleet: FleetPanel | None = None
        if fleet is not None:
            self.fleet = FleetPanel(fleet, self.tasks)
            self.tabs.addTab(self.fleet, "")
        self._unsubscribe_names: Callable[[], None] = lambda: None
        if fleet is not None and self.calendar is not None:
            calendar_panel = self.calendar
            self._unsubscribe_names = fleet.changed.subscribe(
                lambda _: calendar_panel.set_kiosk_names(
                    {k.kiosk_id: kiosk_label(k.name, k.commune) for k in fleet.kiosks}
                )
            )

        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addStretch(1)
        top.addWidget(self.status)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.banner)
        layout.addWidget(self.tabs, 1)
        sized_by_current_page(self.tabs)

        self.dismiss.clicked.connect(self.banner.hide)
        board.events.alert.subscribe(self._on_alert)
        board.events.status_changed.subscribe(lambda _s: self._show_status())
        self.retranslate()

    def retranslate(self) -> None:
        title = self.tr("Supervision")
        self.title.setText(f"{title} — {self.agency_name}" if self.agency_name else title)
        self.tabs.setTabText(0, self.tr("&Live"))
        self.tabs.setTabText(1, self.tr("&Figures"))
        if self.calendar is not None:
            self.tabs.setTabText(self.tabs.indexOf(self.calendar), self.tr("&Calendar"))
        if self.fleet is not None:
            self.tabs.setTabText(self.tabs.indexOf(self.fleet), self.tr("&Kiosks"))
        self.dismiss.setText(self.tr("&Dismiss"))
        self._show_status()
        if self.alerts:
            self.banner_text.setText(self.alert_text(self.alerts[-1]))

    def _show_status(self) -> None:
        self.status.setText(texts.feed_status(self.board.status))

    def alert_text(self, alert: Alert) -> str:
        limit = self.board.alert_wait_s
        # "10 min" reads better than "10:00"; odd thresholds keep their seconds.
        minutes = texts.number(limit / 60.0) + " min" if limit % 60 == 0 else texts.duration(limit)
        return (
            self.tr("⚠ %1: a resident at %2 has waited more than %3 (now %4).")
            .replace("%1", alert.service)
            .replace("%2", alert.call.commune or alert.call.kiosk_name)
            .replace("%3", minutes)
            .replace("%4", texts.duration(alert.waited_s))
        )

    def _on_alert(self, alert: Alert) -> None:
        self.alerts.append(alert)
        text = self.alert_text(alert)
        self.banner_text.setText(text)
        self.banner.show()
        QApplication.alert(self.window())
        if self._notify is not None:
            self._notify(self.tr("Long wait"), text)

    async def aclose(self) -> None:
        self._unsubscribe_names()
        if self.fleet is not None:
            self.fleet.close_model()
        await self.tasks.aclose()
