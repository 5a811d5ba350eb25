"""One wording for why the sound fails: the hardware test and the call's
device line give the same cause, each followed by what it means there (a
call sends silence; a test sends nothing).  No sound card here: the real
engine's speaker and microphone, opened on the stand-in card of
fake_audio.py (no device, or no default one) or with no sound library."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from agentdesk.device_problems import DeviceFault, DeviceProblem
from agentdesk.engine import Speaker
from agentdesk.engine.audio import AudioBackend, AudioDevice
from agentdesk.selftest.devices import check_sound
from agentdesk.selftest.model import Verdict
from agentdesk.ui.i18n_runtime import LanguageSwitcher
from agentdesk.ui.texts import device_problem_text
from tests.engine.fake_audio import FakeCard

Sound = Callable[[], tuple[AudioBackend | None, DeviceProblem | None]]

CASES: list[tuple[str, Sound, str]] = [
    (
        "no PortAudio",
        # What load_backend() gives on a computer without the library.
        lambda: (None, DeviceProblem(DeviceFault.NO_PORTAUDIO, detail="libportaudio.so.2")),
        "le son n'est pas installé sur cet ordinateur (PortAudio)",
    ),
    ("no sound system", lambda: (None, None), "aucun système de son ne répond"),
    (
        "no device",
        lambda: (FakeCard([]), None),
        "aucun périphérique de son n'a été trouvé sur cet ordinateur",
    ),
    (
        "no default device",
        lambda: (FakeCard([AudioDevice("Casque USB", 1, 2, 44_100.0)]), None),
        "le périphérique de son par défaut ne s'ouvre pas",
    ),
]


async def _call_line(sound: Sound) -> str:
    """What the desk's device line says in a call on the same sound."""
    backend, problem = sound()
    speaker = Speaker(backend, None, backend_problem=problem)
    speaker.start()
    try:
        assert speaker.problem is not None
        return device_problem_text(speaker.problem)
    finally:
        await speaker.stop()


@pytest.mark.parametrize(("sound", "cause"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_the_test_and_the_call_give_the_same_cause(
    sound: Sound, cause: str, run: Any, french: LanguageSwitcher
) -> None:
    speaker, microphone = run(check_sound(None, None, sound=sound))
    assert speaker.verdict is Verdict.FAILED
    assert speaker.detail == (
        f"Aucun haut-parleur n'a pu être ouvert : {cause}. Branchez un casque ou des haut-parleurs."
    )
    assert microphone.verdict is Verdict.FAILED
    assert microphone.detail == f"Aucun son n'est venu du micro : {cause}."
    # In a call the same words start the sentence, then what the call does.
    assert run(_call_line(sound)) == f"{cause[0].upper()}{cause[1:]} : du silence est envoyé."
    # A test sends nothing: QA read « …n'a pu être ouvert : Aucun
    # périphérique de son : du silence est envoyé. ».
    for detail in (speaker.detail, microphone.detail):
        assert "silence" not in detail
        assert "envoy" not in detail


SILENCE = " : du silence est envoyé."
USED = " : celui par défaut est utilisé."


@pytest.mark.parametrize(
    ("wire", "line"),
    [
        ("audio_wont_open", "Le périphérique de son par défaut ne s'ouvre pas" + SILENCE),
        ("audio_wont_open:Micro", "Le périphérique de son Micro ne s'ouvre pas" + SILENCE),
        ("audio_missing_default_used", "Le périphérique de son choisi est absent" + USED),
        ("audio_lost_default_used:Micro", "Le périphérique de son Micro a été perdu" + USED),
        ("audio_stopped", "Le périphérique de son par défaut ne répond plus."),
    ],
)
def test_a_kiosks_sound_problem_reads_as_one_sentence(
    wire: str, line: str, french: LanguageSwitcher
) -> None:
    """As the fleet shows what a kiosk told: the system's default device is
    not « le périphérique de son le périphérique par défaut »."""
    problem = DeviceProblem.from_wire(wire)
    assert problem is not None
    assert device_problem_text(problem) == line


@pytest.mark.parametrize(
    ("wire", "line"),
    [
        ("camera_not_plugged", "La caméra n'est pas branchée."),
        ("camera_not_plugged:Logitech C270", "La caméra Logitech C270 n'est pas branchée."),
        ("camera_stopped", "La caméra ne répond plus."),
        ("camera_no_picture", "La caméra ne donne pas d'image."),
        (
            "camera_wont_open",
            "La caméra ne s'ouvre pas : un autre programme l'utilise peut-être.",
        ),
    ],
)
def test_a_kiosks_camera_problem_reads_as_one_sentence(
    wire: str, line: str, french: LanguageSwitcher
) -> None:
    """A kiosk's report may not name its camera: the fleet's line is then
    « La caméra ne répond plus. », not « La caméra le périphérique par défaut … »."""
    problem = DeviceProblem.from_wire(wire)
    assert problem is not None
    assert device_problem_text(problem) == line
