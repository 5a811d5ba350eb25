"""``agentdesk kiosk --screen``: the resident's touch screen, wired.

The kiosk endpoint (engine, switchboard client) and the resident model are
Qt-free; the widgets (agentdesk/ui/kiosk) see only the model.  This module
joins them on one qasync loop, the way agentdesk/desktop.py does for the
agent's app.
"""

from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from agentdesk.desk import Language, TaskOwner
from agentdesk.kiosk import events
from agentdesk.kiosk.call import KioskCall
from agentdesk.kiosk.endpoint import KioskConfig, KioskEndpoint
from agentdesk.kiosk.resident import ResidentKiosk
from agentdesk.kiosk.scanner import SaneScanner
from agentdesk.station.backend import RgbConverter

log = logging.getLogger(__name__)


@dataclass
class KioskScreen:
    """The running screen's parts, for the app and for tests."""

    endpoint: KioskEndpoint
    model: ResidentKiosk
    window: object
    tasks: TaskOwner

    async def close(self) -> None:
        await self.tasks.aclose()
        await self.endpoint.close()


def build(
    config: KioskConfig,
    scanner: SaneScanner | None,
    scan_dir: Path,
    use_language: Callable[[Language], object],
    emit: events.EventPrinter | Callable[[events.KioskEvent], None],
    loop: asyncio.AbstractEventLoop,
    *,
    inactivity_s: float | None = None,
    thanks_s: float | None = None,
) -> KioskScreen:
    """Builds the endpoint, the model and the window; call ``endpoint.start()``."""
    from agentdesk.ui.kiosk.window import INACTIVITY_S, THANKS_S, KioskWindow

    endpoint = KioskEndpoint(config, emit, scanner)
    model = ResidentKiosk(endpoint, scanner, scan_dir)
    # Touches arrive between loop iterations: the tasks they start need the loop named.
    tasks = TaskOwner(lambda exc: log.error("kiosk action failed", exc_info=exc), loop)
    window = KioskWindow(
        model,
        tasks.spawn,
        use_language,
        inactivity_s=inactivity_s or INACTIVITY_S,
        thanks_s=thanks_s or THANKS_S,
    )
    endpoint.camera.add_preview(RgbConverter(window.in_call.local_video))

    def on_call(call: KioskCall) -> None:
        call.session.add_video_consumer(RgbConverter(window.in_call.remote_video))

    endpoint.on_call_start.append(on_call)
    return KioskScreen(endpoint, model, window, tasks)


def run(config: KioskConfig, scanner: SaneScanner | None, scan_dir: Path, *, windowed: bool) -> int:
    from PySide6.QtWidgets import QApplication

    from agentdesk.ui.event_loop import AppEventLoop
    from agentdesk.ui.gui_collector import GuiThreadCollector
    from agentdesk.ui.i18n_runtime import LanguageSwitcher

    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    switcher = LanguageSwitcher(app)
    switcher.use(Language.FRENCH)
    loop = AppEventLoop(app)
    asyncio.set_event_loop(loop)
    collector = GuiThreadCollector(app)
    collector.start()
    screen = build(
        config, scanner, scan_dir, switcher.use, events.EventPrinter(json_lines=True), loop
    )
    window = screen.window
    from PySide6.QtWidgets import QWidget

    assert isinstance(window, QWidget)
    if windowed:
        window.resize(1280, 800)
        window.show()
    else:
        window.showFullScreen()
    stopped = asyncio.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stopped.set)
    app.lastWindowClosed.connect(stopped.set)

    async def main() -> int:
        screen.endpoint.start()
        await stopped.wait()
        await screen.close()
        return 0

    try:
        with loop:
            return int(loop.run_until_complete(main()))
    finally:
        collector.stop()
