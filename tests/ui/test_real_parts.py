"""The agent's app, offscreen, against a real switchboard process and a real
headless kiosk process, on 127.0.0.1: what an agent does in a permanence.

No camera and no sound card here: both ends film FFmpeg's test pattern
through PyAV and send silence."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

from PIL import Image
from PySide6.QtWidgets import QApplication

from agentdesk.desk import (
    DeskState,
    LinkStatus,
)
from agentdesk.ui.i18n_runtime import LanguageSwitcher
from tests.support.kiosk import KioskProcess, start_kiosk
from tests.support.switchboard import (
    PASSWORD,
    Provisioned,
    SwitchboardProcess,
    start_switchboard,
)
from tests.ui.real_app import App, until

GREEN = (20, 180, 60)


def test_a_permanence_from_sign_in_to_history(
    scenario: Any,
    db: Path,
    accounts: Provisioned,
    tmp_path: Path,
    qtbot: Any,
    french: LanguageSwitcher,
) -> None:
    page = tmp_path / "attestation.png"
    Image.new("RGB", (600, 800), GREEN).save(page)
    form = tmp_path / "formulaire.pdf"
    Image.new("RGB", (600, 800), (255, 255, 255)).save(form, format="PDF")

    async def body() -> None:
        sb = await start_switchboard(db)
        app = App(tmp_path, french, sb.url, qtbot)
        kiosk: KioskProcess | None = None
        try:
            window = app.window
            assert window.pages.currentWidget() is window.sign_in_panel

            # A wrong password: a French sentence, no traceback.
            app.sign_in("agent.caf", "pas le bon")
            error = window.sign_in_panel.error
            await until(lambda: "mot de passe" in error.text(), what="the sign-in error")
            assert error.isVisible()

            app.sign_in("agent.caf", PASSWORD)
            await until(lambda: app.desk.state is DeskState.PAUSED, what="signed in, paused")
            # The preview is on from sign-in.
            await until(window.idle_preview.has_frame, what="camera preview")

            kiosk = await start_kiosk(
                sb.url, "pvp-murat", accounts.kiosk_tokens["pvp-murat"],
                "--service", "CAF", "--reason", "Prime d'activité", "--send", str(page),
                "--print-dir", str(tmp_path / "prints"), log_path=tmp_path / "kiosk.log",
            )  # fmt: skip
            table = window.queue_panel.table
            await until(lambda: table.rowCount() == 1, what="the call in the queue")
            assert table.item(0, 0).text().startswith("Murat")

            window.presence.available_button.click()
            offer = window.offer_panel
            await until(lambda: offer.accept_button.isVisible(), what="the offer rings")
            assert "Murat" in offer.details.text()
            offer.accept_button.click()
            await until(lambda: app.desk.state is DeskState.IN_CALL, what="in call")

            # The resident's video is painted.
            remote = window.call_panel.remote_video
            await until(remote.has_frame, what="remote video")
            await until(
                lambda: (
                    remote.grab()
                    .toImage()
                    .pixelColor(remote.width() // 2, remote.height() // 2)
                    .value()
                    > 30
                ),
                what="a bright picture",
            )

            # The scan arrives and is shown beside the video.
            strip = window.documents_panel.strip
            await until(lambda: strip.count() == 1, what="the scan's thumbnail")
            record = app.desk.documents.records[0]
            await until(lambda: record.data is not None, what="the scan complete")
            strip.setCurrentRow(0)
            picture = window.documents_panel.viewer.picture
            await until(lambda: picture.pixmap() is not None and not picture.pixmap().isNull(),
                        what="the scan in the viewer")  # fmt: skip
            centre = (
                picture.pixmap()
                .toImage()
                .pixelColor(picture.pixmap().width() // 2, picture.pixmap().height() // 2)
            )
            assert (centre.red(), centre.green(), centre.blue()) == GREEN

            # A print job to the kiosk, delivery confirmed.
            app.print_path = form
            window.documents_panel.print_button.click()
            printed = await kiosk.event("print_received")
            assert Path(printed["where"]).read_bytes() == form.read_bytes()  # noqa: ASYNC240

            # Hang up (the unsaved scan is warned about, then wiped), wrap up.
            window.call_panel.hang_up_button.click()
            await until(lambda: app.desk.state is DeskState.WRAP_UP, what="wrap-up")
            ended = await kiosk.event("ended")
            assert ended["end_reason"] == "agent_hung_up"
            wrap_up = window.wrap_up_panel
            wrap_up.outcome.setCurrentIndex(1)
            chosen = wrap_up.outcome.currentText()
            wrap_up.note.setPlainText("Dossier complet")
            wrap_up.finish_button.click()
            await until(lambda: app.desk.state is DeskState.AVAILABLE, what="available again")
            assert app.desk.documents.records == []  # wiped

            history = window.history_panel.table
            await until(lambda: history.rowCount() == 1, what="today's history")
            cells = [history.item(0, c).text() for c in range(history.columnCount())]
            assert any("Murat" in cell for cell in cells)
            assert chosen in cells
        finally:
            if kiosk is not None:
                await kiosk.stop()
            await app.close()
            await sb.stop()

    scenario(body)


def test_the_switchboard_goes_away_and_comes_back(
    scenario: Any,
    db: Path,
    accounts: Provisioned,
    tmp_path: Path,
    qtbot: Any,
    french: LanguageSwitcher,
) -> None:
    async def body() -> None:
        sb = await start_switchboard(db)
        app = App(tmp_path, french, sb.url, qtbot)
        second: SwitchboardProcess | None = None
        try:
            app.sign_in("agent.caf", PASSWORD)
            await until(lambda: app.desk.link is LinkStatus.CONNECTED, what="connected")
            label = app.window.presence.link_label
            sb.kill()
            await sb.proc.wait()
            await until(lambda: app.desk.link is LinkStatus.WAITING_RETRY, what="lost")
            await until(lambda: "Connexion perdue" in label.text(), what="told in French")
            second = await start_switchboard(db, "--port", str(sb.port))
            await until(lambda: app.desk.link is LinkStatus.CONNECTED, 40, what="back by itself")
            assert app.desk.state is DeskState.PAUSED
        finally:
            await app.close()
            if second is not None:
                await second.stop()
            with contextlib.suppress(ProcessLookupError):
                sb.kill()

    scenario(body)


def test_qapp_is_offscreen(qapp: QApplication) -> None:
    assert qapp.platformName() == "offscreen"
