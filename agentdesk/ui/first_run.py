"""The first start without a preconfigured server: ask for its address and
check it answers as a switchboard before saving it."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

import msgspec
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from agentdesk.desk import DeskSettings, SignInProblem, TaskOwner, classify_sign_in
from agentdesk.desk.machine import MachineProblem, MachineSetup

from . import texts
from .common import Retranslating, heading

CheckServer = Callable[[str], Awaitable[None]]
"""Returns when a switchboard answers at that address; raises what sign-in raises."""


class FirstRunDialog(Retranslating, QDialog):
    def __init__(self, check: CheckServer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._check = check
        self._tasks = TaskOwner(self._bug)
        self.server_url = ""
        """The checked address, once accepted."""
        self.title = heading()
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.address = QLineEdit()
        self.address.setPlaceholderText("wss://standard.example.fr/api/v1/ws")
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setObjectName("firstRunError")
        self.error.setStyleSheet("QLabel#firstRunError { color: #b3261e; }")
        self.save = QPushButton()
        self.save.setDefault(True)
        self.buttons = QDialogButtonBox()
        self.buttons.addButton(self.save, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.save.clicked.connect(self.check_and_save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.title, self.intro, self.address, self.error, self.buttons):
            layout.addWidget(widget)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 70)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("AgentDesk: first start"))
        self.title.setText(self.tr("Which switchboard do you work with?"))
        self.intro.setText(
            self.tr(
                "Enter the address of your agency's switchboard, as your IT support "
                "gave it to you. It is checked before being saved."
            )
        )
        self.save.setText(self.tr("&Check and save"))

    def check_and_save(self) -> None:
        url = self.address.text().strip()
        if not url:
            self.error.setText(self.tr("Enter the switchboard's address."))
            return
        try:
            msgspec.convert({"server_url": url}, DeskSettings)
        except msgspec.ValidationError:
            self.error.setText(texts.sign_in_problem(SignInProblem.BAD_ADDRESS))
            return
        self.save.setEnabled(False)
        self.error.setText(self.tr("Checking %1…").replace("%1", url))
        self._tasks.spawn(self._check_and_save(url), "first-run-check")

    async def _check_and_save(self, url: str) -> None:
        try:
            await self._check(url)
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            self.error.setText(texts.sign_in_problem(classify_sign_in(exc).problem))
            return
        finally:
            self.save.setEnabled(True)
        self.server_url = url
        self.accept()

    def _bug(self, exc: BaseException) -> None:
        self.error.setText(texts.error_text(exc))

    async def aclose(self) -> None:
        await self._tasks.aclose()


async def ask_server_address(check: CheckServer) -> str:
    """The checked address, or "" when the agent closed the dialog (the
    sign-in page still has its own server field)."""
    dialog = FirstRunDialog(check)
    done: asyncio.Future[int] = asyncio.get_running_loop().create_future()

    def finished(result: int) -> None:
        if not done.done():
            done.set_result(result)

    dialog.finished.connect(finished)
    dialog.open()
    try:
        await done
    finally:
        await dialog.aclose()
        dialog.deleteLater()
    return dialog.server_url


def machine_problem_text(setup: MachineSetup) -> str:
    where = str(setup.path)
    if setup.problem is MachineProblem.CA_FILE:
        return (
            QCoreApplication.translate(
                "FirstRun",
                "The certificate authority file %1 named in %2 cannot be read: only public "
                "authorities are trusted. Tell your IT support.",
            )
            .replace("%1", setup.detail)
            .replace("%2", where)
        )
    return (
        QCoreApplication.translate(
            "FirstRun",
            "The machine configuration %1 is damaged and was ignored (%2). Tell your IT support.",
        )
        .replace("%1", where)
        .replace("%2", setup.detail)
    )
