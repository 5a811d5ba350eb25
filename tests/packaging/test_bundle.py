"""The .deb as a person installs it: unpacked into a temporary root (dpkg-deb -x,
no root needed), the app run from /opt/agentdesk with no Python of ours.

Run by ``./run package`` after it builds the bundle and the .deb
(AGENTDESK_DEB names it); deselected from the normal suite (marker ``bundle``):
a build costs about a minute of both cores.
"""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from agentdesk.assets import APP_ID
from tests.support.demo import run_demo_whole_flow
from tests.support.sound import null_sound_server

pytestmark = pytest.mark.bundle


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    deb = os.environ.get("AGENTDESK_DEB")
    if not deb:
        pytest.fail("AGENTDESK_DEB is not set: run ./run package")
    target = tmp_path_factory.mktemp("root")
    subprocess.run(["dpkg-deb", "-x", deb, str(target)], check=True)
    yield target


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    # Nothing of the checkout's Python: the bundle must stand alone.
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env.pop("QT_QPA_PLATFORM", None)
    env.update(HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path / "config"), **extra)
    env["PATH"] = "/usr/bin:/bin"
    return env


def test_package_metadata_and_files() -> None:
    deb = os.environ["AGENTDESK_DEB"]
    fields = subprocess.run(["dpkg-deb", "-f", deb], capture_output=True, text=True).stdout
    assert "Package: agentdesk" in fields
    assert "libportaudio2" in fields
    listing = subprocess.run(["dpkg-deb", "-c", deb], capture_output=True, text=True).stdout
    for path in (
        "./usr/bin/agentdesk -> /opt/agentdesk/agentdesk",
        f"./usr/share/applications/{APP_ID}.desktop",
        f"./usr/share/icons/hicolor/48x48/apps/{APP_ID}.png",
        f"./usr/share/icons/hicolor/scalable/apps/{APP_ID}.svg",
        f"./usr/share/metainfo/{APP_ID}.metainfo.xml",
        "./usr/lib/systemd/system/agentdesk-switchboard.service",
        "./usr/share/doc/agentdesk/agentdesk.toml.example",
    ):
        assert path in listing, path


def test_every_bundled_library_finds_its_dependencies(root: Path) -> None:
    bundle = root / "opt" / "agentdesk" / "_internal"
    paths = f"{bundle}:{bundle / 'PySide6' / 'Qt' / 'lib'}"
    missing = []
    for lib in bundle.rglob("*.so*"):
        if lib.is_symlink() or not lib.is_file():
            continue
        out = subprocess.run(["ldd", str(lib)], capture_output=True, text=True,
                             env={"LD_LIBRARY_PATH": paths})  # fmt: skip
        missing += [f"{lib.name}: {line.strip()}" for line in out.stdout.splitlines()
                    if "not found" in line]  # fmt: skip
    assert not missing


def test_version(root: Path, tmp_path: Path) -> None:
    command = [str(root / "opt/agentdesk/agentdesk"), "--version"]
    out = subprocess.run(command, capture_output=True, text=True, env=_env(tmp_path), timeout=60)
    assert out.stdout.strip() == "0.1.0", out.stderr


def test_self_test_offscreen_with_a_sound_server(root: Path, tmp_path: Path) -> None:
    with null_sound_server(tmp_path) as sound_env:
        out = subprocess.run(
            [str(root / "opt/agentdesk/agentdesk"), "self-test", "--json"],
            capture_output=True, text=True, timeout=120,
            env=_env(tmp_path, XDG_RUNTIME_DIR=sound_env["XDG_RUNTIME_DIR"]),
        )  # fmt: skip
    records = [json.loads(line) for line in out.stdout.splitlines()]
    steps = {r["step"]: r for r in records if "step" in r}
    assert steps["camera"]["verdict"] == "warning", out.stderr  # no camera: the test pattern
    for step in ("speaker", "microphone", "call", "display", "catalogue"):
        assert steps[step]["verdict"] == "ok", steps[step]
    assert steps["catalogue"]["detail"] == "La traduction française est en place."
    assert records[-1]["ok"] is True
    assert out.returncode == 0


def test_demo_starts_its_switchboard_and_kiosk_through_the_bundle(
    root: Path, tmp_path: Path
) -> None:
    """The demo's children are ``agentdesk switchboard`` and ``agentdesk kiosk``
    started by the frozen executable itself (no ``python -m`` there)."""
    os.environ.pop("PYTHONPATH", None)
    # (/usr/bin/agentdesk links to /opt/agentdesk/agentdesk: absolute, outside this root)
    run_demo_whole_flow([str(root / "opt/agentdesk/agentdesk")], tmp_path)
