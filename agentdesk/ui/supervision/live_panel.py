"""The live view: each service's waiting calls and agents, as the feed says.

Feed events can come in bursts (50 a second on a busy network): they only
mark the view stale, and one repaint follows per coalescing interval.
"""

from __future__ import annotations

import time
from collections import deque
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from agentdesk.protocol import AgentState
from agentdesk.supervision import AgentRow, LiveBoard, ServiceView, WaitingCall

from ..common import Retranslating, share_width
from . import texts

COALESCE_MS = 25
"""Feed events within this interval share one repaint."""
ALERT_BACKGROUND = QColor("#fde7e4")

Index = QModelIndex | QPersistentModelIndex


class CallsModel(QAbstractTableModel):
    def __init__(self, alert_wait_s: float) -> None:
        super().__init__()
        self.calls: list[WaitingCall] = []
        self.now = 0.0
        self.alert_wait_s = alert_wait_s
        self.headers: list[str] = []
        self._bold = QFont()
        self._bold.setBold(True)

    def set_calls(self, calls: list[WaitingCall], now: float, alert_wait_s: float) -> None:
        self.beginResetModel()
        self.calls, self.now, self.alert_wait_s = calls, now, alert_wait_s
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.calls)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 5

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation is Qt.Orientation.Horizontal:
            return self.headers[section] if section < len(self.headers) else ""
        return None

    def over(self, row: int) -> bool:
        return self.calls[row].waited(self.now) >= self.alert_wait_s

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        waiting = self.calls[index.row()]
        call, column = waiting.call, index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return call.commune
            if column == 1:
                wait = texts.duration(waiting.waited(self.now))
                # A sign as well as a colour: the threshold shows without colour too.
                return f"⚠ {wait}" if self.over(index.row()) else wait
            if column == 2:
                if call.appointment_due:
                    return self.tr("✔ Appointment (due)")
                return self.tr("✔ Appointment") if call.appointment_id else ""
            if column == 3:
                return call.reason or ""
            return call.kiosk_name
        if role == Qt.ItemDataRole.FontRole and column == 1 and self.over(index.row()):
            return self._bold
        if role == Qt.ItemDataRole.BackgroundRole and self.over(index.row()):
            return QBrush(ALERT_BACKGROUND)
        if role == Qt.ItemDataRole.ToolTipRole and self.over(index.row()):
            return self.tr("Waiting longer than the agency's alert threshold")
        return None


class AgentsModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self.agents: list[AgentRow] = []
        self.now = 0.0
        self.headers: list[str] = []

    def set_agents(self, agents: list[AgentRow], now: float) -> None:
        self.beginResetModel()
        self.agents, self.now = agents, now
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.agents)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation is Qt.Orientation.Horizontal:
            return self.headers[section] if section < len(self.headers) else ""
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.agents[index.row()]
        agent, column = row.agent, index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return agent.display_name
            if column == 1:
                return texts.agent_state(agent.state)
            if column == 2:
                return texts.duration(row.in_state(self.now))
            return texts.reason_text(agent.reason)
        if role == Qt.ItemDataRole.ForegroundRole and column == 1:
            return QBrush(QColor(texts.AGENT_COLOURS[agent.state]))
        return None


def _table(model: QAbstractTableModel) -> QTableView:
    table = QTableView()
    table.setModel(model)
    table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    table.setAlternatingRowColors(True)
    table.setFocusPolicy(Qt.FocusPolicy.TabFocus)
    return table


class ServiceBox(QGroupBox):
    """One service: a summary line, its waiting calls, its agents."""

    def __init__(self, service: str, alert_wait_s: float) -> None:
        super().__init__(service)
        self.service = service
        self.summary = QLabel()
        self.summary.setObjectName("serviceSummary")
        self.calls = CallsModel(alert_wait_s)
        self.agents = AgentsModel()
        self.calls_table = _table(self.calls)
        self.agents_table = _table(self.agents)
        # Names, reasons and kiosks share the width left, wrapped: no sideways
        # scrolling on a laptop's screen.
        share_width(self.calls_table, 0, 3, 4)
        share_width(self.agents_table, 0, 3)
        self.calls_label, self.agents_label = QLabel(), QLabel()
        left, right = QVBoxLayout(), QVBoxLayout()
        left.addWidget(self.calls_label)
        left.addWidget(self.calls_table)
        right.addWidget(self.agents_label)
        right.addWidget(self.agents_table)
        columns = QHBoxLayout()
        columns.addLayout(left, 3)
        columns.addLayout(right, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(columns)
        self.retranslate()

    def retranslate(self) -> None:
        self.calls_label.setText(self.tr("Waiting calls"))
        self.agents_label.setText(self.tr("Agents"))
        self.calls.headers = [
            self.tr("Commune"),
            self.tr("Waiting"),
            self.tr("Appointment"),
            self.tr("Reason"),
            self.tr("Kiosk"),
        ]
        self.agents.headers = [
            self.tr("Agent"),
            self.tr("State"),
            self.tr("For"),
            self.tr("Reason"),
        ]
        self.calls_table.setAccessibleName(
            self.tr("Waiting calls of %1").replace("%1", self.service)
        )
        self.agents_table.setAccessibleName(self.tr("Agents of %1").replace("%1", self.service))

    def show_view(self, view: ServiceView, now: float, alert_wait_s: float) -> None:
        self.calls.set_calls(view.calls, now, alert_wait_s)
        self.agents.set_agents(view.agents, now)
        text = self.tr("%n call(s) waiting", "", len(view.calls))
        if view.calls:
            text += " · " + self.tr("longest wait %1").replace(
                "%1", texts.duration(view.longest_wait_s)
            )
        if view.over_threshold:
            text += " · ⚠ " + self.tr("%n over the alert threshold", "", view.over_threshold)
        working = sum(1 for a in view.agents if a.agent.state is not AgentState.OFFLINE)
        text += " · " + self.tr("%n agent(s) signed in", "", working)
        self.summary.setText(text)
        font = self.summary.font()
        font.setBold(bool(view.over_threshold))
        self.summary.setFont(font)
        rows = max(1, len(view.calls))
        header = self.calls_table.horizontalHeader().height()
        row_h = self.calls_table.verticalHeader().defaultSectionSize()
        self.calls_table.setMinimumHeight(header + row_h * min(rows, 8) + 6)
        agent_rows = max(1, len(view.agents))
        self.agents_table.setMinimumHeight(header + row_h * min(agent_rows, 8) + 6)


class LivePanel(Retranslating, QWidget):
    def __init__(self, board: LiveBoard, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.board = board
        self.boxes: dict[str, ServiceBox] = {}
        self.refresh_ms: deque[float] = deque(maxlen=10_000)
        """How long each refresh took (for the benchmark)."""
        self.refreshes = 0

        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self._content = QWidget()
        self._layout = QVBoxLayout(self._content)
        self._layout.addWidget(self.empty)
        self._layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self._content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

        self._coalesce = QTimer(self)
        self._coalesce.setSingleShot(True)
        self._coalesce.setInterval(COALESCE_MS)
        self._coalesce.timeout.connect(self.refresh)
        # Waits and times in state tick each second; threshold crossings are
        # found on the same beat.
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._on_tick)
        self._tick.start()
        board.events.changed.subscribe(self._on_changed)
        self.retranslate()
        self.refresh()

    def retranslate(self) -> None:
        self.empty.setText(self.tr("Your agency has no service yet."))
        for box in self.boxes.values():
            box.retranslate()
        self.refresh()

    def _on_changed(self, _: None) -> None:
        if not self._coalesce.isActive():
            self._coalesce.start()

    def _on_tick(self) -> None:
        self.board.tick()
        self.refresh()

    def refresh(self) -> None:
        started = time.perf_counter()
        now = self.board.now()
        views = self.board.view(now)
        if [v.service for v in views] != list(self.boxes):
            self._rebuild([v.service for v in views])
        for view in views:
            self.boxes[view.service].show_view(view, now, self.board.alert_wait_s)
        self.empty.setVisible(not views)
        self.refreshes += 1
        self.refresh_ms.append((time.perf_counter() - started) * 1000.0)

    def _rebuild(self, services: list[str]) -> None:
        for box in self.boxes.values():
            self._layout.removeWidget(box)
            box.deleteLater()
        self.boxes = {}
        for index, service in enumerate(services):
            box = ServiceBox(service, self.board.alert_wait_s)
            self.boxes[service] = box
            self._layout.insertWidget(1 + index, box)

    def box(self, service: str) -> ServiceBox:
        return self.boxes[service]
