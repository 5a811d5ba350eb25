""" "Test my equipment": runs ``agentdesk self-test`` in a child process and shows
each step's verdict as it comes.

A child process, so a driver that hangs or crashes in the test never takes the
agent's app with it; its JSON lines are the report.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence

from PySide6.QtCore import QProcess, Qt
from PySide6.QtGui import QCloseEvent, QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from agentdesk.commands import agentdesk_command

log = logging.getLogger(__name__)

VERDICT_COLOURS = {"ok": "#1a7f37", "warning": "#9a6700", "failed": "#b3261e"}


def self_test_command(
    camera: str | None, microphone: str | None, speaker: str | None, language: str
) -> list[str]:
    args = ["self-test", "--json", "--language", language]
    for option, value in (("--camera", camera), ("--microphone", microphone),
                          ("--speaker", speaker)):  # fmt: skip
        if value:
            args += [option, value]
    return agentdesk_command(*args)


class SelfTestDialog(QDialog):
    def __init__(self, command: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Hardware test"))
        self.steps = QListWidget()
        # Each verdict says what to do at its end: wrapped, never scrolled to.
        self.steps.setWordWrap(True)
        self.steps.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.summary = QLabel(self.tr("Testing the camera, the sound and a call… (about 5 s)"))
        self.summary.setWordWrap(True)
        self.finished_ok: bool | None = None
        """None while running; then whether no step failed."""
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.steps)
        layout.addWidget(self.summary)
        layout.addWidget(buttons)
        self.resize(self.fontMetrics().averageCharWidth() * 100, 320)
        self._buffer = b""
        self.process = QProcess(self)
        self.process.setProcessChannelMode(QProcess.ProcessChannelMode.SeparateChannels)
        self.process.readyReadStandardOutput.connect(self._read)
        self.process.finished.connect(self._finished)
        self.process.errorOccurred.connect(self._failed_to_start)
        self.process.start(command[0], list(command[1:]))

    def _read(self) -> None:
        self._buffer += bytes(self.process.readAllStandardOutput().data())
        *lines, self._buffer = self._buffer.split(b"\n")
        for line in lines:
            try:
                record = json.loads(line)
            except ValueError:
                log.info("self-test said: %r", line)
                continue
            if "summary" in record:
                self.summary.setText(str(record["summary"]))
                self.finished_ok = bool(record["ok"])
            else:
                item = QListWidgetItem(f"[{record['label']}] {record['name']} : {record['detail']}")
                item.setForeground(QColor(VERDICT_COLOURS.get(record["verdict"], "#000000")))
                self.steps.addItem(item)

    def _finished(self, code: int, _status: QProcess.ExitStatus) -> None:
        self._read()
        if self.finished_ok is None:
            self.finished_ok = False
            self.summary.setText(
                self.tr("The hardware test stopped before the end (code %1).").replace(
                    "%1", str(code)
                )
            )

    def _failed_to_start(self, error: QProcess.ProcessError) -> None:
        if error is QProcess.ProcessError.FailedToStart:
            self.finished_ok = False
            self.summary.setText(self.tr("The hardware test could not be started."))

    def done(self, result: int) -> None:
        self._stop()
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._stop()
        super().closeEvent(event)

    def _stop(self) -> None:
        if self.process.state() is not QProcess.ProcessState.NotRunning:
            self.process.kill()
            self.process.waitForFinished(2000)
