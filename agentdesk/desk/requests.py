"""The desk's requests to the switchboard: one per step at a time, errors typed.

A step asked again while its request is on its way (a click and the duty
keeper both going available) joins that request and gets its answer; a
different request for the same step is refused.  The switchboard's errors
come back as :class:`ActionRejected`, a lost connection as
:class:`ConnectionLost`.
"""

from __future__ import annotations

import asyncio
from typing import Generic, TypeVar

import msgspec

from agentdesk.protocol import Base, Error, ErrorCode, ProtocolError

from .errors import ActionRejected, ConnectionLost, StepError
from .services import RequestFn

Step = TypeVar("Step")


class Requests(Generic[Step]):
    def __init__(self, request: RequestFn) -> None:
        self._request = request
        self._in_flight: dict[Step, tuple[Base, asyncio.Future[Base]]] = {}

    def on_its_way(self, step: Step) -> bool:
        return step in self._in_flight

    async def send(self, step: Step, message: Base, state: str) -> Base:
        """The reply to ``message``, sent for ``step`` (``state``: for the error)."""
        label = str(getattr(step, "value", step))
        flying = self._in_flight.get(step)
        if flying is not None:
            sent, reply_future = flying
            if _same_request(sent, message):
                # The same step asked twice: one request, both wait for its answer.
                return await asyncio.shield(reply_future)
            raise StepError(label, state, "already on its way")
        reply_future = asyncio.get_running_loop().create_future()
        self._in_flight[step] = (message, reply_future)
        try:
            reply = await self.request(message)
        except asyncio.CancelledError:
            reply_future.cancel()
            raise
        except Exception as exc:
            reply_future.set_exception(exc)
            reply_future.exception()  # retrieved here; whoever joined gets it too
            raise
        else:
            reply_future.set_result(reply)
            return reply
        finally:
            del self._in_flight[step]

    async def request(self, message: Base) -> Base:
        """One request, its error typed (no joining)."""
        try:
            reply = await self._request(message)
        except ProtocolError as exc:
            raise ActionRejected(exc.code, exc.message, exc.reason) from None
        except (asyncio.CancelledError, StepError):
            raise
        except Exception as exc:
            raise ConnectionLost(str(exc) or type(exc).__name__) from exc
        if isinstance(reply, Error):
            raise ActionRejected(error_code(reply.code), reply.message, reply.reason)
        return reply


def _same_request(a: Base, b: Base) -> bool:
    """The same message but for its request id."""
    return msgspec.structs.replace(a, id=None) == msgspec.structs.replace(b, id=None)


def error_code(code: str) -> ErrorCode:
    try:
        return ErrorCode(code)
    except ValueError:
        return ErrorCode.INTERNAL
