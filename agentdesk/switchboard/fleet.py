"""The kiosks' side of the fleet: their devices' reports, their last contact,
and the residents' one-touch rating after a call.

Kept out of handlers.py: the supervisors' fleet view and ``list-kiosks`` read
what this writes (store/sqlite/fleet.py), nothing else depends on it.
"""

from __future__ import annotations

from agentdesk.protocol import Base, ErrorCode, ProtocolError, Role
from agentdesk.protocol.messages import DeviceReport, RateCall

from .board import Board
from .live import Peer
from .store.records import RatingRefusal

_REFUSALS = {
    RatingRefusal.NOT_FOUND: (ErrorCode.NOT_FOUND, "no call of this kiosk by that id"),
    RatingRefusal.NOT_OVER: (ErrorCode.CONFLICT, "only a call that took place and ended is rated"),
    RatingRefusal.ALREADY: (ErrorCode.CONFLICT, "this call was rated already"),
}


class FleetHandlers:
    def __init__(self, board: Board) -> None:
        self.board = board

    @staticmethod
    def _kiosk_only(peer: Peer) -> None:
        if peer.role is not Role.KIOSK:
            raise ProtocolError(ErrorCode.FORBIDDEN, "only a kiosk may do that")

    def rate_call(self, peer: Peer, msg: RateCall) -> Base | None:
        self._kiosk_only(peer)
        refusal = self.board.store.rate_call(
            msg.call_id, peer.identity, msg.rating.value, self.board.clock()
        )
        if refusal is not None:
            raise ProtocolError(*_REFUSALS[refusal])
        self.board.log.event("call_rated", call_id=msg.call_id, rating=msg.rating.value)
        return None

    def device_report(self, peer: Peer, msg: DeviceReport) -> Base | None:
        self._kiosk_only(peer)
        devices = [
            {"device": d.device, "state": d.state, **({"detail": d.detail} if d.detail else {})}
            for d in msg.devices
        ]
        self.board.store.save_devices(peer.identity, self.board.clock(), devices)
        return None
