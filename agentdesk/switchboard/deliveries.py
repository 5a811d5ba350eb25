"""Transfer results kept until received: how a transfer to a named colleague
ended (``transfer_result``) is stored when it ends, sent to the agent who
transferred if they are connected, and again after each of their ``hello``
until their app has read it.

"Read" is proved by the WebSocket itself: a ping sent right after the
message, answered by a pong, comes back only once the client has read every
frame before it (board.py's ``send(..., received=...)``).  A result whose
connection dies before that pong is sent again on the next ``hello``: at
least once, never lost, rarely twice.
"""

from __future__ import annotations

from agentdesk.protocol import TransferResult

from .board import Board
from .live import Peer
from .store import KeptResult


class Deliveries:
    def __init__(self, board: Board) -> None:
        self.board = board

    def keep(self, sender: str, result: TransferResult) -> None:
        """Stores the result, and sends it now if the sender is connected."""
        board = self.board
        kept = board.store.keep_result(sender, result, board.clock())
        peer = board.agents.get(sender)
        if peer is not None:
            self._send(peer, kept)

    def welcome(self, peer: Peer) -> None:
        """After an agent's ``welcome``: the results they have not read yet."""
        for kept in self.board.store.kept_results(peer.identity):
            self._send(peer, kept)

    def _send(self, peer: Peer, kept: KeptResult) -> None:
        self.board.send(peer, kept.result, received=lambda: self._received(kept))

    def _received(self, kept: KeptResult) -> None:
        board = self.board
        board.run(lambda: board.store.result_delivered(kept.id))
        board.log.event("transfer_result_received", call_id=kept.result.call_id, login=kept.sender)
