"""``agentdesk self-test`` as an IT technician runs it: a real child process,
real camera path (FFmpeg's test pattern: no camera here), real engine call on
127.0.0.1, real Qt painting offscreen, the real French catalogue."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.support.sound import null_sound_server

STEPS = ["camera", "speaker", "microphone", "call", "display", "catalogue"]


def run_self_test(tmp_path: Path, *args: str, env: dict[str, str] | None = None) -> Any:
    env = dict(env or os.environ)
    env.pop("QT_QPA_PLATFORM", None)  # the command must choose offscreen itself
    return subprocess.run(
        [sys.executable, "-m", "agentdesk", "self-test", "--config-dir", str(tmp_path / "cfg"),
         *args],
        capture_output=True, text=True, timeout=120, env=env,
    )  # fmt: skip


def test_report_in_french_with_a_verdict_per_step_and_no_sound_card(tmp_path: Path) -> None:
    out = run_self_test(tmp_path, "--camera", "testsrc")
    lines = out.stdout.splitlines()
    assert lines[0] == "AgentDesk 0.1.0 : test du matériel", out.stderr
    report = "\n".join(lines)
    assert "[OK]         Caméra : Mire de test" in report
    assert "[ÉCHEC]      Haut-parleur : Aucun haut-parleur n'a pu être ouvert : " in report
    assert "Branchez un casque ou des haut-parleurs." in report
    assert "[ÉCHEC]      Microphone : Aucun son n'est venu du micro : " in report
    # Why, said once and in a test's words: QA read « …n'a pu être ouvert :
    # Aucun périphérique de son : du silence est envoyé. » (no call sends it).
    assert "silence" not in report
    sound = [x.split(" : ", 2)[2] for x in lines if x.startswith("[ÉCHEC]")]
    assert all(x[0].islower() and x.count(" : ") == 0 for x in sound), sound
    assert ".." not in report.replace("…", ""), "a sentence inside a sentence keeps one full stop"
    # In words a volunteer follows; the figures for IT in parentheses.
    assert "[OK]         Appel d'essai : Un appel d'essai sur cet ordinateur fonctionne" in report
    assert "[OK]         Image à l'écran : L'image s'affiche à l'écran" in report
    assert "[OK]         Langue française : La traduction française est en place." in report
    assert "Sign in" not in report, "no English in the French report"
    assert lines[-1].startswith("Verdict : 2 étape(s) en échec")
    assert out.returncode == 1
    assert "Traceback" not in out.stderr


def test_json_steps_with_a_sound_server_and_no_camera(tmp_path: Path) -> None:
    with null_sound_server(tmp_path) as env:
        out = run_self_test(tmp_path, "--json", "--language", "en", env=env)
    records = [json.loads(line) for line in out.stdout.splitlines()]
    steps = {r["step"]: r for r in records if "step" in r}
    assert list(steps) == STEPS, out.stderr
    # No camera on this machine: a warning saying what residents would see.
    assert steps["camera"]["verdict"] == "warning"
    assert "Residents would see a test pattern" in steps["camera"]["detail"]
    assert steps["speaker"]["verdict"] == "ok", steps["speaker"]
    assert steps["speaker"]["detail"].startswith("Speaker system default: a 1 s tone was played")
    # The null sink's monitor is the default source: the microphone hears the speaker.
    assert steps["microphone"]["verdict"] == "ok", steps["microphone"]
    assert steps["microphone"]["detail"].endswith("it heard the test tone.")
    for step in ("call", "display", "catalogue"):
        assert steps[step]["verdict"] == "ok", steps[step]
    assert records[-1] == {"summary": "Verdict: ready for calls, with 1 warning(s).", "ok": True}
    assert out.returncode == 0


def test_a_missing_camera_is_said_once_with_what_to_do(tmp_path: Path) -> None:
    """QA read « Aucune caméra n'a pu être ouverte (Aucune caméra n'a été
    trouvée…) »: the same thing twice. No camera on this machine: the real
    camera path finds none."""
    out = run_self_test(tmp_path)
    line = next(x for x in out.stdout.splitlines() if "Caméra :" in x)
    assert line.startswith("[ATTENTION]  Caméra : "), out.stderr
    detail = line.split("Caméra : ", 1)[1]
    assert detail == (
        "Aucune caméra n'a été trouvée sur cet ordinateur. Les usagers verraient une mire "
        "de test : branchez une caméra, ou choisissez-en une autre dans les paramètres."
    )
    assert detail.lower().count("aucune caméra") == 1
