"""Signing in: server, login, password, and "stay signed in"."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from agentdesk.desk import (
    CredentialProblem,
    SignedIn,
    SignInError,
    SignInFlow,
    SignInProblem,
    classify_sign_in,
)

from . import texts
from .common import Retranslating, heading
from .runner import ActionRunner

StartSession = Callable[[SignedIn], Awaitable[None]]
"""Connects to the switchboard with the new tokens (the app's wiring)."""


class SignInPanel(Retranslating, QWidget):
    def __init__(
        self,
        flow: SignInFlow,
        start_session: StartSession,
        runner: ActionRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._flow = flow
        self._start_session = start_session
        self._runner = runner
        self._busy = False
        self._problem: SignInError | None = None
        self._notice: Callable[[], str] | None = None

        self.title = heading()
        self.server = QLineEdit(flow.settings.server_url)
        self.login = QLineEdit(flow.settings.last_login)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.stay = QCheckBox()
        self.stay.setChecked(flow.settings.stay_signed_in and flow.can_remember)
        self.stay_note = QLabel()
        self.stay_note.setWordWrap(True)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setObjectName("signInError")
        self.error.setStyleSheet("QLabel#signInError { color: #b3261e; }")
        self.submit = QPushButton()
        self.submit.setDefault(True)
        self.server_label, self.login_label, self.password_label = QLabel(), QLabel(), QLabel()
        self.server_label.setBuddy(self.server)
        self.login_label.setBuddy(self.login)
        self.password_label.setBuddy(self.password)

        box = QFrame()
        box.setFrameShape(QFrame.Shape.StyledPanel)
        form = QFormLayout()
        form.addRow(self.server_label, self.server)
        form.addRow(self.login_label, self.login)
        form.addRow(self.password_label, self.password)
        form.addRow("", self.stay)
        inner = QVBoxLayout(box)
        inner.addWidget(self.title)
        inner.addLayout(form)
        inner.addWidget(self.stay_note)
        inner.addWidget(self.error)
        inner.addWidget(self.submit)
        # A readable column, not a form stretched across a wide screen; in
        # characters, so it follows the font and the scaling.
        box.setMaximumWidth(self.fontMetrics().averageCharWidth() * 90)
        # Centred by stretches, not by an alignment flag: an aligned widget
        # gets its size hint, which word-wrapped messages make too short, and
        # the fields were squeezed to a few pixels when an error showed.
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(box, 3)
        row.addStretch(1)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)

        self.submit.clicked.connect(self.sign_in)
        # Return moves on to the next empty field, and signs in from the last.
        self.server.returnPressed.connect(self._next_field)
        self.login.returnPressed.connect(self._next_field)
        self.password.returnPressed.connect(self.sign_in)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Sign in to the switchboard"))
        self.server_label.setText(self.tr("&Server address:"))
        self.login_label.setText(self.tr("&Login:"))
        self.password_label.setText(self.tr("&Password:"))
        self.server.setPlaceholderText("wss://standard.example.fr/api/v1/ws")
        self.stay.setText(self.tr("S&tay signed in on this computer"))
        self.submit.setText(self.tr("Sign &in"))
        # Never squeezed by a long error message below them: whole lines of text.
        for field in (self.server, self.login, self.password):
            field.setMinimumHeight(field.sizeHint().height())
        self.server.setAccessibleName(self.tr("Server address"))
        self.login.setAccessibleName(self.tr("Login"))
        self.password.setAccessibleName(self.tr("Password"))
        self._show_status()

    def _next_field(self) -> None:
        for field in (self.server, self.login, self.password):
            if not field.text():
                field.setFocus()
                return
        self.sign_in()

    def _show_status(self) -> None:
        if self._busy:
            self.error.setText(self.tr("Signing in…"))
        elif self._problem is not None:
            self.error.setText(texts.sign_in_error_text(self._problem))
        else:
            self.error.setText("")
        if not self._flow.can_remember:
            self.stay.setEnabled(False)
            self.stay.setChecked(False)
            self.stay_note.setText(texts.credential_problem(CredentialProblem.NO_KEYRING))
        elif self._notice is not None:
            self.stay_note.setText(self._notice())
        else:
            self.stay_note.setText("")

    def show_problem(self, problem: SignInProblem | SignInError | None) -> None:
        """Also used by the app for problems found outside this panel (an
        expired saved session, the switchboard refusing the token)."""
        if isinstance(problem, SignInProblem):
            problem = SignInError(problem)
        self._problem = problem
        self._show_status()
        if problem is not None and problem.problem in (
            SignInProblem.WRONG_PASSWORD,
            SignInProblem.EXPIRED_SESSION,
            SignInProblem.SESSION_ENDED,
        ):
            self.password.clear()
            self.password.setFocus()

    def show_notice(self, notice: Callable[[], str] | None) -> None:
        """A lasting remark under the checkbox (a callable, to follow the language)."""
        self._notice = notice
        self._show_status()

    def prefill(self, server_url: str, login: str) -> None:
        self.server.setText(server_url)
        self.login.setText(login)

    def sign_in(self) -> None:
        if self._busy:
            return
        self.set_busy(True)
        self._runner.run(self._sign_in(), "sign-in")

    def set_busy(self, busy: bool) -> None:
        self._busy = busy
        for widget in (self.server, self.login, self.password, self.submit):
            widget.setEnabled(not busy)
        self._show_status()

    async def _sign_in(self) -> None:
        self._problem = None
        try:
            signed = await self._flow.sign_in(
                self.server.text(), self.login.text(), self.password.text(), self.stay.isChecked()
            )
            self.password.clear()
            remembered = signed.remembered
            if remembered is not None and not remembered.stored and remembered.problem:
                problem = remembered.problem
                self.show_notice(lambda: texts.credential_problem(problem))
            else:
                self.show_notice(None)
            await self._start_session(signed)
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            self._problem = classify_sign_in(exc)
        finally:
            self.set_busy(False)
        if self._problem is not None:
            self.show_problem(self._problem)
