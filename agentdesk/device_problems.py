"""What can go wrong with a camera, a microphone or a speaker, as data.

The engine reports a :class:`DeviceProblem` (a code, the device, the
technical detail) and never a sentence: the app turns it into one in the
agent's language (``agentdesk.ui.texts``), the kiosk sends its code to
the fleet, logs get :meth:`DeviceProblem.log_text`.  Qt-free and free of
media libraries, so the desk model can hold one.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class DeviceFault(enum.Enum):
    NO_CAMERA_FOUND = "no_camera_found"
    CAMERA_NOT_PLUGGED = "camera_not_plugged"
    """The device path does not exist: unplugged, or never there."""
    CAMERA_WONT_OPEN = "camera_wont_open"
    CAMERA_NO_PICTURE = "camera_no_picture"
    """It opened but delivers no image."""
    CAMERA_STOPPED = "camera_stopped"
    """It delivered images, then stopped."""
    CAMERA_UNSUPPORTED = "camera_unsupported"
    """Neither PyAV nor an ffmpeg command can read cameras here (``detail``: the input format)."""
    NO_PORTAUDIO = "no_portaudio"
    NO_SOUNDDEVICE = "no_sounddevice"
    NO_AUDIO_SYSTEM = "no_audio_system"
    NO_AUDIO_DEVICE = "no_audio_device"
    AUDIO_WONT_OPEN = "audio_wont_open"
    """``device`` None: the system's default device."""
    AUDIO_MISSING_DEFAULT_USED = "audio_missing_default_used"
    """The chosen device is absent; the default one carries the sound."""
    AUDIO_STOPPED = "audio_stopped"
    AUDIO_LOST_DEFAULT_USED = "audio_lost_default_used"


@dataclass(frozen=True)
class DeviceProblem:
    fault: DeviceFault
    device: str | None = None
    detail: str = ""
    """What the library said (an exception's text): for the log and the support."""

    def wire_text(self) -> str:
        """What a kiosk tells the fleet: the code and the device (the
        technical detail stays in the kiosk's log)."""
        return f"{self.fault.value}:{self.device}" if self.device else self.fault.value

    @classmethod
    def from_wire(cls, text: str) -> DeviceProblem | None:
        """The problem a kiosk told (None: a detail of another kind)."""
        code, _, device = text.partition(":")
        try:
            fault = DeviceFault(code)
        except ValueError:
            return None
        return cls(fault, device or None)

    def log_text(self) -> str:
        parts = [self.fault.value]
        if self.device:
            parts.append(self.device)
        if self.detail:
            parts.append(self.detail)
        return ": ".join(parts)
