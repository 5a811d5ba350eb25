"""The desk's sounds: the ringtone while an offer rings, a chime when a resident
joins the queue while the agent waits.  No Qt: it follows the desk's events and
plays through the speaker the agent chose in the settings."""

from __future__ import annotations

import logging
from collections.abc import Callable

from agentdesk.assets import Sound, sound_path
from agentdesk.desk import Desk, DeskState
from agentdesk.desk.queue import QueueEntry
from agentdesk.engine.tones import SoundFileError, TonePlayer, gain_of, read_wav

log = logging.getLogger(__name__)

CHIME_STATES = frozenset({DeskState.AVAILABLE, DeskState.PAUSED})
"""A resident joining is worth a sound only when the agent is not talking to one."""


def load_sounds() -> dict[Sound, bytes]:
    """Every sound that loads; a missing or damaged file costs its sound, never the app."""
    sounds: dict[Sound, bytes] = {}
    for sound in Sound:
        try:
            sounds[sound] = read_wav(sound_path(sound))
        except SoundFileError as exc:
            log.warning("sound unavailable: %s", exc)
    return sounds


class DeskSounds:
    def __init__(
        self, desk: Desk | None, player: TonePlayer, sounds: dict[Sound, bytes], volume: int = 100
    ) -> None:
        """``desk``: None until the agent signs in (the settings' test plays before)."""
        self._desk: Desk | None = None
        self._player = player
        self._sounds = sounds
        self.volume = volume
        self.set_volume(volume)
        self._ringing = False
        self._known: set[str] | None = None
        self._unsubscribes: list[Callable[[], None]] = []
        if desk is not None:
            self.follow(desk)

    def follow(self, desk: Desk) -> None:
        """Rings and chimes with this desk's events from now on."""
        if self._desk is not None:
            return
        self._desk = desk
        self._unsubscribes += [
            desk.events.state_changed.subscribe(self._on_state),
            desk.events.queue_changed.subscribe(self._on_queue),
        ]

    def _on_state(self, state: DeskState) -> None:
        if state is DeskState.OFFERED and not self._ringing:
            self._ringing = True
            self.set_volume(self.volume)  # a test at another volume may have come before
            self._player.play(self._sounds.get(Sound.RINGTONE, b""), loop=True)
        elif state is not DeskState.OFFERED and self._ringing:
            self._ringing = False
            self._player.stop()

    def set_volume(self, percent: int) -> None:
        """The ring's and the chime's volume setting (0 to 100); heard at once."""
        self.volume = percent
        self._player.gain = gain_of(percent)

    def test_ring(self, percent: int) -> None:
        """One cycle of the ringtone at ``percent`` (the settings' « Test »
        button); never over a real ring, and the saved volume stays."""
        if self._ringing:
            return
        self._player.gain = gain_of(percent)
        self._player.play(self._sounds.get(Sound.RINGTONE, b""))

    def _on_queue(self, entries: list[QueueEntry]) -> None:
        ids = {entry.call_id for entry in entries}
        # The first snapshot after signing in is the queue as it stands, not arrivals.
        joined = self._known is not None and bool(ids - self._known)
        self._known = ids
        waiting = self._desk is not None and self._desk.state in CHIME_STATES
        if joined and waiting and not self._player.playing:
            self.set_volume(self.volume)
            self._player.play(self._sounds.get(Sound.RESIDENT_JOINED, b""))

    async def aclose(self) -> None:
        for unsubscribe in self._unsubscribes:
            unsubscribe()
        await self._player.aclose()
