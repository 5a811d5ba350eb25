"""The kiosk's full-screen window: one page at a time, a language button,
and the timers that bring it back home when the resident has gone."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtWidgets import QHBoxLayout, QStackedWidget, QVBoxLayout, QWidget

from agentdesk.desk import Language
from agentdesk.kiosk.screen_model import ResidentScreen, ScreenStep

from ..common import Retranslating
from .call_page import CallPage
from .pages import (
    AppointmentPage,
    ClosedPage,
    HomePage,
    Page,
    RatingPage,
    Run,
    ThanksPage,
    WaitingPage,
)
from .style import STYLE, button

INACTIVITY_S = 90.0
"""No touch for this long on a screen that waits for a decision: back home."""
THANKS_S = 8.0


class KioskWindow(Retranslating, QWidget):
    def __init__(
        self,
        model: ResidentScreen,
        run: Run,
        use_language: Callable[[Language], object],
        *,
        inactivity_s: float = INACTIVITY_S,
        thanks_s: float = THANKS_S,
    ) -> None:
        super().__init__()
        self.setObjectName("kioskRoot")
        self.setStyleSheet(STYLE)
        self.model = model
        self._use_language = use_language
        self.language = Language.FRENCH
        self.home = HomePage(model, run)
        self.appointment = AppointmentPage(model, run)
        self.closed = ClosedPage(model, run)
        self.waiting = WaitingPage(model, run)
        self.in_call = CallPage(model, run)
        self.rating = RatingPage(model, run)
        self.thanks = ThanksPage(model, run)
        self.pages: dict[ScreenStep, Page] = {
            ScreenStep.HOME: self.home,
            ScreenStep.APPOINTMENT: self.appointment,
            ScreenStep.CLOSED: self.closed,
            ScreenStep.WAITING: self.waiting,
            ScreenStep.CALL: self.in_call,
            ScreenStep.RATING: self.rating,
            ScreenStep.THANKS: self.thanks,
        }
        self.stack = QStackedWidget()
        for page in self.pages.values():
            self.stack.addWidget(page)
        self.language_button = button("language")
        self.language_button.setMaximumWidth(320)
        self.language_button.clicked.connect(self._switch_language)
        top = QHBoxLayout()
        top.addStretch(1)
        top.addWidget(self.language_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 12, 12, 0)
        layout.addLayout(top)
        layout.addWidget(self.stack, 1)

        self.inactivity = QTimer(self)
        self.inactivity.setSingleShot(True)
        self.inactivity.setInterval(int(inactivity_s * 1000))
        self.inactivity.timeout.connect(self._idle)
        self.thanks_timer = QTimer(self)
        self.thanks_timer.setSingleShot(True)
        self.thanks_timer.setInterval(int(thanks_s * 1000))
        self.thanks_timer.timeout.connect(model.go_home)
        self._unsubscribe = model.subscribe(self._on_step)
        app = QCoreApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self.retranslate()
        self._on_step(model.step)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin):
            self._touched()
        return False

    def _touched(self) -> None:
        if self.inactivity.isActive() or self.model.step is not ScreenStep.HOME:
            self.inactivity.start()

    def _idle(self) -> None:
        # Someone walked away mid-choice: the next resident starts afresh, in French.
        self.model.go_home()
        if self.language is not Language.FRENCH:
            self._set_language(Language.FRENCH)

    def _on_step(self, step: ScreenStep) -> None:
        page = self.pages[step]
        if self.stack.currentWidget() is not page:
            self.stack.setCurrentWidget(page)
            if step is ScreenStep.APPOINTMENT:
                self.appointment.load()
        page.refresh()
        # A queue or a call is never interrupted by a timer; every other screen is.
        if step in (ScreenStep.WAITING, ScreenStep.CALL):
            self.inactivity.stop()
        else:
            self.inactivity.start()
        if step is ScreenStep.THANKS:
            self.thanks_timer.start()
        else:
            self.thanks_timer.stop()
        if step is ScreenStep.HOME and self.in_call.remote_video.has_frame():
            # Nothing of the last call stays on screen.
            self.in_call.remote_video.clear()

    def _switch_language(self) -> None:
        self._set_language(
            Language.ENGLISH if self.language is Language.FRENCH else Language.FRENCH
        )

    def _set_language(self, language: Language) -> None:
        self.language = language
        self._use_language(language)

    def retranslate(self) -> None:
        # The button names the other language, in that language.
        self.language_button.setText("English" if self.language is Language.FRENCH else "Français")
        self.setWindowTitle(QCoreApplication.translate("Kiosk", "Point Visio-Public"))

    def close_model(self) -> None:
        self._unsubscribe()
        app = QCoreApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
