"""The call engine: media, the peer connection and live statistics, with no Qt.

Public API:

* :class:`CameraSource` / :class:`CameraConfig` (camera.py): the one camera,
  opened once, feeding the preview and the call; test pattern when absent.
* :class:`CallSession` / :class:`SessionConfig` / :class:`SessionState`
  (session.py): one call, renegotiated by generation when the path dies.
* :class:`Microphone` / :class:`Speaker` (audio.py): sounddevice, silence and a
  status when there is no sound, headset unplugging survived.
* :class:`FrameQueue` (sinks.py): bounded, drop-oldest frame hand-off.
* :class:`CallStats` (stats.py): the per-second sample.
* :class:`SignalPipe` (loopback.py): two sessions in one process.
"""

from .audio import (
    AudioDevice,
    AudioEvent,
    AudioStatus,
    Microphone,
    MicrophoneTrack,
    Speaker,
    load_backend,
)
from .callconfig import SendSignal, SessionConfig, SessionState, TrackSource
from .camera import (
    TESTSRC,
    CameraConfig,
    CameraDevice,
    CameraEvent,
    CameraSource,
    CameraStatus,
    CameraTrack,
    list_cameras,
)
from .loopback import SignalPipe
from .session import DOCUMENTS_CHANNEL, CallSession
from .sinks import FrameQueue
from .stats import CallStats

__all__ = [
    "DOCUMENTS_CHANNEL",
    "TESTSRC",
    "AudioDevice",
    "AudioEvent",
    "AudioStatus",
    "CallSession",
    "CallStats",
    "CameraConfig",
    "CameraDevice",
    "CameraEvent",
    "CameraSource",
    "CameraStatus",
    "CameraTrack",
    "FrameQueue",
    "Microphone",
    "MicrophoneTrack",
    "SendSignal",
    "SessionConfig",
    "SessionState",
    "SignalPipe",
    "Speaker",
    "TrackSource",
    "list_cameras",
    "load_backend",
]
