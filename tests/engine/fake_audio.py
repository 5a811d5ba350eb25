"""A stand-in sound card (this machine has none): devices that call back from a
thread every 20 ms like PortAudio does, and can be unplugged and plugged back."""

from __future__ import annotations

import math
import struct
import threading
from collections.abc import Callable

from agentdesk.engine.audio import AudioDevice


class FakeStream:
    def __init__(
        self,
        card: FakeCard,
        name: str,
        rate: int,
        channels: int,
        cb: Callable[..., object],
        output: bool,
    ) -> None:
        self.card, self.name, self.rate, self.channels = card, name, rate, channels
        self._cb, self._output = cb, output
        self._stop = threading.Event()
        self.written = bytearray()
        self.played = threading.Event()
        """Set once an output callback returned some sound."""
        self._thread = threading.Thread(target=self._run, name=f"fake-audio-{name}", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        frames = self.rate // 50
        phase = 0
        while not self._stop.wait(0.02):
            if self.name in self.card.unplugged:
                continue  # PortAudio just stops calling back
            if self._output:
                chunk = self._cb(frames)
                self.written += chunk
                if any(chunk):
                    self.played.set()
                del self.written[: max(0, len(self.written) - self.rate * 4)]
            elif self.name in self.card.silent:
                self._cb(bytes(2 * frames * self.channels))
            else:
                samples = []
                for _ in range(frames):
                    samples.append(int(8000 * math.sin(2 * math.pi * 440 * phase / self.rate)))
                    phase += 1
                self._cb(struct.pack(f"<{frames}h", *samples))

    def close(self) -> None:
        self._stop.set()
        self._thread.join(2)
        self.card.open_streams.discard(self)


class FakeCard:
    def __init__(self, devices: list[AudioDevice], silent: frozenset[str] = frozenset()) -> None:
        """Inputs hear a 440 Hz tone, those named in ``silent`` silence."""
        self._devices = devices
        self.silent = silent
        self.unplugged: set[str] = set()
        self.open_streams: set[FakeStream] = set()
        self.opened: list[tuple[str, int]] = []

    def devices(self) -> list[AudioDevice]:
        return [d for d in self._devices if d.name not in self.unplugged]

    def _name(self, device: str | None, output: bool) -> str:
        if device is not None:
            if device in self.unplugged:
                raise OSError(f"{device} is gone")
            return device
        for d in self.devices():
            if d.is_default_output if output else d.is_default_input:
                return d.name
        raise OSError("no default device")

    def open_input(
        self, device: str | None, rate: int, channels: int, callback: Callable[[bytes], None]
    ) -> FakeStream:
        name = self._name(device, False)
        self.opened.append((name, rate))
        stream = FakeStream(self, name, rate, channels, callback, output=False)
        self.open_streams.add(stream)
        return stream

    def open_output(
        self, device: str | None, rate: int, channels: int, callback: Callable[[int], bytes]
    ) -> FakeStream:
        name = self._name(device, True)
        self.opened.append((name, rate))
        stream = FakeStream(self, name, rate, channels, callback, output=True)
        self.open_streams.add(stream)
        return stream

    def unplug(self, name: str) -> None:
        self.unplugged.add(name)

    def plug(self, name: str) -> None:
        self.unplugged.discard(name)


def headset_and_builtin() -> FakeCard:
    return FakeCard(
        [
            AudioDevice("Casque USB", 1, 2, 44_100.0),
            AudioDevice("Intégré", 1, 2, 48_000.0, is_default_input=True, is_default_output=True),
        ]
    )
