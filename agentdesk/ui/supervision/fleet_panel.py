"""« Bornes »: every kiosk of the agency, online or not and since when, its
camera, microphone, scanner and printer, its next permanence, and an alert
when a kiosk is offline or a device failing within the hour before one."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from PySide6.QtCore import QTimer
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from agentdesk.desk import TaskOwner
from agentdesk.device_problems import DeviceProblem
from agentdesk.protocol.fleet import KioskStatus
from agentdesk.supervision.fleet import FleetModel

from ..common import Retranslating, share_width
from ..texts import device_problem_text

REFRESH_MS = 30_000
ALERT = QColor("#fde7e4")
DEVICES = ("camera", "microphone", "scanner", "printer")
PARIS = ZoneInfo("Europe/Paris")


def _when(ts: float) -> str:
    """« 26/11 14:05 », Paris time (kiosks and permanences are French)."""
    return dt.datetime.fromtimestamp(ts, PARIS).strftime("%d/%m %H:%M")


def detail_text(detail: str) -> str:
    """A camera's or microphone's problem in the supervisor's language; other
    details (a printer's IPP reason) as the kiosk sent them."""
    problem = DeviceProblem.from_wire(detail)
    return detail if problem is None else device_problem_text(problem)


class FleetPanel(Retranslating, QWidget):
    def __init__(self, model: FleetModel, tasks: TaskOwner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self._tasks = tasks
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.refresh_button = QPushButton()
        self.refresh_button.clicked.connect(self.reload)
        self.table = QTableWidget(0, 9)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        # Names and alerts share the width left, wrapped.
        share_width(self.table, 0, 1, 8)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.reload)
        self.timer.start()
        self._unsubscribe = model.changed.subscribe(lambda _: self.retranslate())
        self.retranslate()

    def reload(self) -> None:
        self._tasks.spawn(self.model.refresh(), "fleet")

    def retranslate(self) -> None:
        self.refresh_button.setText(self.tr("&Refresh"))
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Kiosk"),
                self.tr("Commune"),
                self.tr("Connection"),
                self.tr("Camera"),
                self.tr("Microphone"),
                self.tr("Scanner"),
                self.tr("Printer"),
                self.tr("Next permanence"),
                self.tr("Alert"),
            ]
        )
        self._fill()

    def _fill(self) -> None:
        kiosks = self.model.kiosks
        self.table.setRowCount(len(kiosks))
        for row, kiosk in enumerate(kiosks):
            cells = [
                kiosk.name,
                kiosk.commune,
                self._connection(kiosk),
                *(self._device(kiosk, name) for name in DEVICES),
                self._next(kiosk),
                self._alert(kiosk),
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if kiosk.alert:
                    item.setBackground(QBrush(ALERT))
                self.table.setItem(row, column, item)
        alerts = self.model.alerts
        if self.model.problem is not None:
            self.summary.setText(
                self.tr("The kiosks could not be read: %1").replace("%1", str(self.model.problem))
            )
        elif alerts:
            self.summary.setText(
                self.tr("⚠ %1 kiosk(s) need attention before their permanence.").replace(
                    "%1", str(len(alerts))
                )
            )
        else:
            self.summary.setText(self.tr("%1 kiosk(s), no alert.").replace("%1", str(len(kiosks))))

    def _connection(self, kiosk: KioskStatus) -> str:
        since = _when(kiosk.since) if kiosk.since else ""
        if kiosk.online:
            return self.tr("● online since %1").replace("%1", since)
        if kiosk.since is None:
            return self.tr("○ never connected")
        return self.tr("○ offline since %1").replace("%1", since)

    def _device(self, kiosk: KioskStatus, name: str) -> str:
        for device in kiosk.devices:
            if device.device == name:
                return self._state(device.state) + (
                    f" ({detail_text(device.detail)})" if device.detail else ""
                )
        return "—"

    def _state(self, state: str) -> str:
        match state:
            case "ready":
                return self.tr("✔ ready")
            case "busy":
                return self.tr("✔ busy")
            case "paper_jam":
                return self.tr("✘ paper jam")
            case "out_of_paper":
                return self.tr("✘ out of paper")
            case "offline":
                return self.tr("✘ offline")
            case _:
                return self.tr("✘ error")

    def _next(self, kiosk: KioskStatus) -> str:
        if kiosk.next_permanence is None:
            return "—"
        if kiosk.in_permanence:
            return self.tr("%1 now").replace("%1", kiosk.next_service or "")
        return f"{kiosk.next_service} {_when(kiosk.next_permanence)}"

    def _alert(self, kiosk: KioskStatus) -> str:
        match kiosk.alert:
            case "offline":
                return self.tr("⚠ offline before its permanence")
            case "device_failing":
                return self.tr("⚠ a device is failing before its permanence")
            case _:
                return ""

    def close_model(self) -> None:
        self.timer.stop()
        self._unsubscribe()
