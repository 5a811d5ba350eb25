"""Which cameras this machine offers, and the input format of its platform.

Linux lists /dev/video* with their names from sysfs; dshow (Windows) and
avfoundation (macOS) list their devices only in FFmpeg's log.
"""

from __future__ import annotations

import contextlib
import glob
import os
import re
import sys
from dataclasses import dataclass

import av

from agentdesk.device_problems import DeviceFault, DeviceProblem


@dataclass(frozen=True)
class CameraDevice:
    name: str
    """What to pass as ``CameraConfig.device``."""
    label: str
    """What to show a person."""


_PLATFORM_FORMATS = {"linux": "v4l2", "win32": "dshow", "darwin": "avfoundation"}


def platform_format() -> str:
    platform = "linux" if sys.platform.startswith("linux") else sys.platform
    fmt = _PLATFORM_FORMATS.get(platform)
    if fmt is None:
        raise CameraError(
            DeviceProblem(DeviceFault.CAMERA_UNSUPPORTED, detail=f"platform {sys.platform}")
        )
    return fmt


class CameraError(Exception):
    """A camera could not be opened or read: ``problem`` says why, as data."""

    def __init__(self, problem: DeviceProblem) -> None:
        super().__init__(problem.log_text())
        self.problem = problem


def list_cameras() -> list[CameraDevice]:
    """Cameras this machine offers (may be empty; never raises)."""
    try:
        fmt = platform_format()
    except CameraError:
        return []
    if fmt == "v4l2":
        devices = []
        for path in sorted(glob.glob("/dev/video*"), key=_video_index):
            name_file = f"/sys/class/video4linux/{os.path.basename(path)}/name"
            try:
                with open(name_file, encoding="utf-8") as f:
                    label = f.read().strip() or path
            except OSError:
                label = path
            devices.append(CameraDevice(path, label))
        return devices
    return _list_from_ffmpeg_log(fmt)


def _video_index(path: str) -> int:
    digits = re.sub(r"\D", "", path)
    return int(digits) if digits else 0


def _list_from_ffmpeg_log(fmt: str) -> list[CameraDevice]:
    # dshow and avfoundation list their devices only in FFmpeg's log.
    if fmt not in av.formats_available:
        return []
    from av import logging as av_logging

    dummy = "dummy" if fmt == "dshow" else ""
    # Listing always "fails" to open.
    with av_logging.Capture() as logs, contextlib.suppress(Exception):
        av.open(dummy, format=fmt, options={"list_devices": "true"})
    devices = []
    in_video = fmt == "dshow"
    for _level, _name, line in logs:
        text = str(line)
        if fmt == "avfoundation":
            if "video devices" in text:
                in_video = True
            elif "audio devices" in text:
                in_video = False
            match = re.search(r"\[(\d+)\] (.+)", text)
            if in_video and match:
                devices.append(CameraDevice(match.group(1), match.group(2).strip()))
        else:
            match = re.search(r'"(.+)" \(video\)', text)
            if match:
                devices.append(CameraDevice(f"video={match.group(1)}", match.group(1)))
    return devices
