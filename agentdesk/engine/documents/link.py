"""One attachment of the document channel to one aiortc RTCDataChannel.

A call may go through several peer connections (renegotiation after a
network cut); each brings a new data channel, hence a new Link.  A Link
never outlives its channel: once lost, every wait on it ends with LinkLost.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from typing import Any

from aiortc.exceptions import InvalidStateError

from .wire import Message, encode

log = logging.getLogger(__name__)


class LinkLost(Exception):
    """The data channel closed or was replaced."""


class Link:
    def __init__(self, channel: Any, low_water: int) -> None:
        # Typed Any: aiortc ships no type information.
        self.channel = channel
        self.opened = asyncio.Event()
        self.lost = False
        self._low = asyncio.Event()
        self._handlers: list[tuple[str, Callable[..., None]]] = []
        channel.bufferedAmountLowThreshold = low_water

    def listen(self, event: str, handler: Callable[..., None]) -> None:
        self.channel.on(event, handler)
        self._handlers.append((event, handler))

    def mark_open(self) -> None:
        if not self.lost:
            self.opened.set()

    def lose(self) -> None:
        """Ends every wait on this link; stops listening to its channel."""
        if self.lost:
            return
        self.lost = True
        self.opened.clear()
        self._low.set()
        for event, handler in self._handlers:
            # aiortc drops all listeners itself when the channel closes.
            with contextlib.suppress(KeyError):
                self.channel.remove_listener(event, handler)
        self._handlers.clear()

    def wake(self) -> None:
        """Wakes a sender waiting for the buffer to drain (it will re-check its state)."""
        self._low.set()

    def on_buffered_amount_low(self) -> None:
        self._low.set()

    def send(self, message: Message | bytes) -> None:
        if self.lost:
            raise LinkLost
        data = message if isinstance(message, bytes) else encode(message)
        try:
            self.channel.send(data)
        except InvalidStateError:
            raise LinkLost from None

    def try_send(self, message: Message | bytes) -> bool:
        """For answers: a closed channel is reported by its own close event."""
        try:
            self.send(message)
        except LinkLost:
            log.debug("answer not sent: the data channel is gone")
            return False
        return True

    async def drained(self, high_water: int) -> None:
        """Returns once the channel buffers at most ``high_water`` bytes, or after ``wake``.

        Relies on the ``bufferedamountlow`` event, which aiortc emits when the
        buffered amount falls to ``bufferedAmountLowThreshold``.
        """
        if self.lost:
            raise LinkLost
        if self.channel.bufferedAmount <= high_water:
            return
        self._low.clear()
        await self._low.wait()
        if self.lost:
            raise LinkLost
