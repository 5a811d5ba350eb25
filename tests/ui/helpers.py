"""A main window over a real Desk, with the switchboard's reply path recorded.

The switchboard, the client and the engine are built in parallel by others;
these tests drive the widgets with real protocol messages (through the codec)
and check the messages the widgets make the desk send.
"""

from __future__ import annotations

import asyncio
import dataclasses
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QColor, QImage, QPageSize, QPainter, QPdfWriter

from agentdesk.desk import (
    CredentialStore,
    Desk,
    DeskSettings,
    DeskState,
    DutyKeeper,
    SettingsStore,
    SignedIn,
    SignInFlow,
)
from agentdesk.desk.booking import Bookings
from agentdesk.protocol import AgentState, CallState, CallUpdate, MediaConnected, QueueCall, Queued
from agentdesk.ui.i18n_runtime import LanguageSwitcher
from agentdesk.ui.main_window import MainWindow
from agentdesk.ui.transfer_dialog import TransferDialog

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.desk.duty_helpers import CameraRecorder, ManualScheduler
from tests.desk.helpers import (
    Clock,
    Switchboard,
    call,
    feed,
    snapshot,
    status,
    welcome,
)

__all__ = [
    "Clock",
    "Harness",
    "Switchboard",
    "call",
    "feed",
    "filled",
    "snapshot",
    "status",
    "welcome",
]


class Documents:
    """Records what the documents panel asks of the document channel."""

    def __init__(self) -> None:
        self.scans: list[str] = []
        self.prints: list[tuple[str, Path]] = []

    async def request_scan(self, call_id: str) -> None:
        self.scans.append(call_id)

    async def print_file(self, call_id: str, path: Path) -> None:
        self.prints.append((call_id, path))


@dataclasses.dataclass
class Tokens:
    access_token: str
    refresh_token: str
    expires_in: float = 900.0
    role: str = "agent"


class Authenticator:
    def __init__(self) -> None:
        self.password = "secret"

    async def sign_in(self, server_url: str, login: str, password: str) -> Any:
        if password != self.password:
            from agentdesk.desk import SignInError, SignInProblem

            raise SignInError(SignInProblem.WRONG_PASSWORD)
        return Tokens("access-1", "refresh-1")

    async def resume(self, server_url: str, refresh_token: str) -> Any:
        raise AssertionError("not used")


async def filled(dialog: TransferDialog) -> None:
    """Until the dialog shows where the call may go (the staffing came back)."""
    if dialog.loading.isHidden():
        return
    done = asyncio.Event()
    dialog.filled.connect(done.set)
    await done.wait()


async def taken_from_the_queue(app: Any, kiosk: Any, reason: str | None = None) -> str:
    """The kiosk (a real WebSocket client) asks for the CAF; the app
    (tests/ui/real_app.py's, signed in, idle) takes the call from its queue
    panel; the kiosk reports the media itself.  The call's id, connected."""
    from tests.ui.real_app import until

    queued = await kiosk.request(QueueCall(service="CAF", reason=reason))
    assert isinstance(queued, Queued), queued
    call_id: str = queued.call.call_id
    table = app.window.queue_panel.table
    await until(lambda: table.rowCount() == 1, what="the call in the queue")
    table.selectRow(0)
    app.window.queue_panel.take_button.click()
    await until(lambda: app.desk.state is DeskState.IN_CALL, what="in call")
    await kiosk.request(MediaConnected(call_id=call_id))
    await until(
        lambda: app.desk.call is not None and app.desk.call.call.state is CallState.CONNECTED,
        what="connected",
    )
    return call_id


class Harness:
    def __init__(self, qtbot: Any, tmp_path: Path, languages: LanguageSwitcher) -> None:
        self.board = Switchboard()
        self.clock = Clock()
        self.documents = Documents()
        self.answers: list[bool] = []
        self.questions: list[str] = []
        self.print_path: Path | None = None
        self.save_folder = tmp_path / "saved"
        self.sessions: list[SignedIn] = []
        self.desk = Desk(self.board.request, clock=self.clock)
        self.store = SettingsStore(tmp_path / "config")
        self.flow = SignInFlow(Authenticator(), CredentialStore(), self.store, DeskSettings())
        self.scheduler = ManualScheduler(self.clock)
        self.camera = CameraRecorder()
        self.duty = DutyKeeper(
            self.desk, self.camera, self.scheduler, lambda: self.flow.settings.duty()
        )
        self.bookings: Bookings | None = None
        self.window = MainWindow(
            self.desk,
            self.flow,
            self.documents,
            self._start_session,
            self.store,
            languages=languages,
            confirm=self._confirm,
            choose_file=lambda _parent: self.print_path,
            choose_folder=lambda _parent: self.save_folder,
            tray=False,
            duty=self.duty,
            bookings=lambda: self.bookings,
        )
        qtbot.addWidget(self.window)
        self.duty.start()
        self.window.resize(1280, 800)
        self.window.show()

    async def _start_session(self, signed: SignedIn) -> None:
        self.sessions.append(signed)

    def _confirm(self, _parent: Any, _title: str, text: str) -> bool:
        self.questions.append(text)
        return self.answers.pop(0) if self.answers else True

    def signed_in(self, state: AgentState = AgentState.AVAILABLE) -> None:
        feed(self.desk, welcome(state))

    def in_call(self, call_id: str = "c1", commune: str = "Murat") -> None:
        self.signed_in(AgentState.IN_CALL)
        feed(
            self.desk,
            CallUpdate(
                call=call(call_id, commune, state=CallState.CONNECTED, agent_login="agent.dupont")
            ),
        )
        feed(self.desk, status(AgentState.IN_CALL, call_id=call_id))

    async def close(self) -> None:
        await self.window.runner.aclose()
        await self.duty.aclose()
        await self.desk.aclose()


def png_bytes(colour: QColor, width: int = 120, height: int = 80) -> bytes:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(colour)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def pdf_bytes(*colours: QColor) -> bytes:
    """A PDF with one page per colour, each page filled with it."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    painter = QPainter(writer)
    for index, colour in enumerate(colours):
        if index:
            writer.newPage()
        painter.fillRect(0, 0, writer.width(), writer.height(), colour)
    painter.end()
    buffer.close()
    return bytes(data.data())


def centre_colour(image: QImage) -> QColor:
    return image.pixelColor(image.width() // 2, image.height() // 2)
