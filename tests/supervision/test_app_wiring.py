"""A supervisor signing in to the app gets the supervision view (real
switchboard, real login over HTTP, the app's own wiring)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from agentdesk.client import login
from agentdesk.desk import SignedIn, SignInError, SignInProblem
from agentdesk.supervision import FeedStatus
from agentdesk.ui.supervision.wiring import OpenSupervision
from tests.support.switchboard import PASSWORD

from .conftest import Board, World
from .helpers import eventually


class Host(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.tray = None
        self.shown: list[QWidget] = []

    def show_supervision(self, view: QWidget) -> None:
        self.shown.append(view)


def test_supervisor_sign_in_opens_the_view(
    qtbot: Any, run: Any, world: World, switchboard: Board
) -> None:
    host = Host()
    qtbot.addWidget(host)
    opener = OpenSupervision()
    tokens = run(login(switchboard.http, "sup.caf", PASSWORD))
    try:
        view = run(opener(SignedIn(switchboard.url, "sup.caf", tokens, None), host))
        assert host.shown == [view]
        assert "CAF du Cantal" in view.title.text()
        run(eventually(lambda: view.board.status is FeedStatus.LIVE))
        run(eventually(lambda: view.figures.model.report is not None))
    finally:
        run(opener.aclose())
    # An agent's token passed off as a supervisor's: refused by the switchboard.
    agent_tokens = run(login(switchboard.http, "agent.caf", PASSWORD))
    try:
        run(opener(SignedIn(switchboard.url, "agent.caf", agent_tokens, None), host))
    except SignInError as exc:
        assert exc.problem is SignInProblem.SERVER_ERROR and "supervisors only" in exc.detail
    else:
        raise AssertionError("an agent opened the supervision view")
    assert len(host.shown) == 1
