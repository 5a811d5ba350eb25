"""``agentdesk self-test``: runs the steps and reports each with its verdict.

    agentdesk self-test [--camera NAME|testsrc] [--microphone NAME] [--speaker NAME]
                        [--language fr|en] [--json]

Devices default to the agent's settings (else the system's defaults).  The
report is French unless asked otherwise; ``--json`` prints one JSON object per
step as it finishes, then a summary (what the settings dialog reads).  Exit
status 0 when no step failed, 1 otherwise.  It opens no window on screen: the
video is painted offscreen.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from agentdesk import __version__
from agentdesk.desk import Language, RgbFrame, SettingsStore
from agentdesk.ui.gui_collector import GuiThreadCollector
from agentdesk.ui.i18n_runtime import LanguageSwitcher

from .model import Step, StepResult, Verdict


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="agentdesk self-test",
        description="Checks the camera, the speaker, the microphone, a loopback call, "
        "the video display and the French catalogue.",
    )
    parser.add_argument("--camera", help='camera device, or "testsrc" for the test pattern')
    parser.add_argument("--microphone", help="microphone device name")
    parser.add_argument("--speaker", help="speaker device name")
    parser.add_argument("--language", choices=[lang.value for lang in Language])
    parser.add_argument("--config-dir", type=Path, help="the agent's settings folder")
    parser.add_argument("--json", action="store_true", help="one JSON object per line")
    return parser


def step_name(step: Step) -> str:
    names = {
        Step.CAMERA: QCoreApplication.translate("SelfTest", "Camera"),
        Step.SPEAKER: QCoreApplication.translate("SelfTest", "Speaker"),
        Step.MICROPHONE: QCoreApplication.translate("SelfTest", "Microphone"),
        Step.CALL: QCoreApplication.translate("SelfTest", "Test call"),
        Step.DISPLAY: QCoreApplication.translate("SelfTest", "Picture on screen"),
        Step.CATALOGUE: QCoreApplication.translate("SelfTest", "French language"),
    }
    return names[step]


def verdict_word(verdict: Verdict) -> str:
    words = {
        Verdict.OK: QCoreApplication.translate("SelfTest", "OK"),
        Verdict.WARNING: QCoreApplication.translate("SelfTest", "WARNING"),
        Verdict.FAILED: QCoreApplication.translate("SelfTest", "FAILED"),
    }
    return words[verdict]


def summary(results: list[StepResult]) -> str:
    failed = sum(r.verdict is Verdict.FAILED for r in results)
    warned = sum(r.verdict is Verdict.WARNING for r in results)
    if failed:
        return QCoreApplication.translate(
            "SelfTest", "Verdict: %1 step(s) failed; fix them before taking calls."
        ).replace("%1", str(failed))
    if warned:
        return QCoreApplication.translate(
            "SelfTest", "Verdict: ready for calls, with %1 warning(s)."
        ).replace("%1", str(warned))
    return QCoreApplication.translate("SelfTest", "Verdict: everything works, ready for calls.")


async def run_steps(
    args: argparse.Namespace,
    report: Callable[[StepResult], None],
    app: QApplication,
    switcher: LanguageSwitcher,
) -> list[StepResult]:
    # Imported here: the engine (aiortc, PyAV) loads only once the report has a Qt app.
    from agentdesk.engine import CameraConfig, CameraSource

    from . import devices, display

    results: list[StepResult] = []

    def done(result: StepResult) -> None:
        results.append(result)
        report(result)

    camera = CameraSource(CameraConfig(device=args.camera))
    try:
        done(await devices.timed(Step.CAMERA, lambda: devices.check_camera(camera)))
        for result in await devices.check_sound(args.speaker, args.microphone):
            done(result)
        frames: list[RgbFrame] = []

        async def call() -> tuple[Verdict, str]:
            outcome, got = await devices.check_call(camera)
            frames.extend(got)
            return outcome

        done(await devices.timed(Step.CALL, call))
    finally:
        await asyncio.to_thread(camera.stop)
    done(await devices.timed(Step.DISPLAY, lambda: display.check_display(frames)))
    done(await devices.timed(Step.CATALOGUE, lambda: display.check_catalogue(app, switcher)))
    return results


def main(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    # No window on screen: the video is painted offscreen, and the command
    # works over SSH or in a CI job without a display.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from agentdesk.ui.event_loop import AppEventLoop

    settings = SettingsStore(args.config_dir or SettingsStore.default_dir()).load().settings
    args.camera = args.camera or settings.camera
    args.microphone = args.microphone or settings.microphone
    args.speaker = args.speaker or settings.speaker
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication([sys.argv[0]])
    switcher = LanguageSwitcher(app)
    switcher.use(Language(args.language) if args.language else settings.language)

    def report(result: StepResult) -> None:
        if args.json:
            line = {"step": result.step.value, "name": step_name(result.step),
                    "verdict": result.verdict.value, "label": verdict_word(result.verdict),
                    "detail": result.detail, "seconds": result.seconds}  # fmt: skip
            print(json.dumps(line, ensure_ascii=False), flush=True)
        else:
            label = f"[{verdict_word(result.verdict)}]"
            print(f"{label:<12} {step_name(result.step)} : {result.detail}", flush=True)

    if not args.json:
        print(
            QCoreApplication.translate("SelfTest", "AgentDesk %1: hardware test").replace(
                "%1", __version__
            ),
            flush=True,
        )
    loop = AppEventLoop(app)
    asyncio.set_event_loop(loop)
    collector = GuiThreadCollector(app)
    collector.start()
    try:
        results = loop.run_until_complete(run_steps(args, report, app, switcher))
        ok = all(r.verdict is not Verdict.FAILED for r in results)
        if args.json:
            line = {"summary": summary(results), "ok": ok}
            print(json.dumps(line, ensure_ascii=False), flush=True)
        else:
            print(summary(results), flush=True)
    finally:
        loop.close()
        asyncio.set_event_loop(None)
        collector.stop()
        switcher.remove()
    return 0 if ok else 1
