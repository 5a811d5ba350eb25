"""DocumentChannel: documents and small commands over a call's "documents" data channel.

One DocumentChannel lives as long as the call; the session attaches each
peer connection's data channel to it in turn.  When a data channel closes or
is replaced (renegotiation), every transfer under way on it fails visibly
with the reason ``interrupted`` on each side; documents offered but not yet
started wait and go out on the next data channel.  Transfers do not resume
half-way: the wire format leaves room for it (``doc_ready.offset``).
"""

from __future__ import annotations

import logging
import re
import uuid
from collections.abc import Iterable
from typing import Any

from agentdesk.events import Listeners

from .events import CommandReceived, DocumentEvent, PeerError, TransferActivity
from .link import Link
from .model import (
    ChannelSettings,
    DocumentLimits,
    DocumentOutcome,
    Purpose,
    Refusal,
    RefusalReason,
)
from .receiver import Receiver
from .sender import INTERRUPTED, OutgoingTransfer, Sender
from .wire import (
    ChannelError,
    Command,
    Device,
    DeviceState,
    DeviceStatus,
    DocAccepted,
    DocCancel,
    DocEnd,
    DocOffer,
    DocReady,
    DocRefused,
    PrintOutcome,
    PrintResult,
    RequestScan,
    WireError,
    decode,
    decode_chunk,
)

log = logging.getLogger(__name__)

LABEL = "documents"
"""The data channel's label; ordered and reliable."""

_UNSAFE_NAME = re.compile(r"[\x00-\x1f\x7f]")


class ChannelNotOpen(RuntimeError):
    """A command was sent while no data channel is open."""


class DocumentChannel:
    """Sends and receives documents and commands; publishes DocumentEvent on ``events``.

    ``accept`` lists the purposes this side receives: the agent's side
    accepts scans, the kiosk print jobs.  Must be used from the event loop's
    thread; ``close()`` ends every task it started.
    """

    def __init__(
        self,
        *,
        limits: DocumentLimits | None = None,
        settings: ChannelSettings | None = None,
        accept: Iterable[Purpose] = (Purpose.SCAN, Purpose.PRINT),
    ) -> None:
        self.limits = limits or DocumentLimits()
        self.settings = settings or ChannelSettings()
        self.events: Listeners[DocumentEvent] = Listeners()
        self._sender = Sender(
            limits=self.limits,
            settings=self.settings,
            emit=self.events.emit,
            activity_changed=self._activity_changed,
        )
        self._receiver = Receiver(
            limits=self.limits,
            settings=self.settings,
            accept=accept,
            emit=self.events.emit,
            activity_changed=self._activity_changed,
        )
        self._link: Link | None = None
        self._active = False
        self._closed = False

    # ------------------------------------------------------------------
    # The data channel

    def attach(self, channel: Any) -> None:
        """Uses ``channel`` (an aiortc RTCDataChannel, open or about to open) from now on.

        A channel attached before replaces the old one: transfers running on
        the old one fail with ``interrupted``.
        """
        if self._closed:
            raise RuntimeError("the document channel is closed")
        if self._link is not None:
            self._lose(self._link)
        link = Link(channel, self.settings.low_water)
        link.listen("message", lambda data: self._on_message(link, data))
        link.listen("open", lambda: self._on_open(link))
        link.listen("close", lambda: self._lose(link))
        link.listen("bufferedamountlow", link.on_buffered_amount_low)
        self._link = link
        state = channel.readyState
        if state == "open":
            self._on_open(link)
        elif state in ("closing", "closed"):
            self._lose(link)

    def detach(self) -> None:
        """Stops using the current data channel (the session dropped its peer connection)."""
        if self._link is not None:
            self._lose(self._link)

    @property
    def connected(self) -> bool:
        return self._link is not None and self._link.opened.is_set()

    @property
    def transfer_active(self) -> bool:
        """True while document bytes move either way: video should yield bandwidth."""
        return self._active

    def _on_open(self, link: Link) -> None:
        if link is self._link:
            link.mark_open()
            log.info("document channel open")
            self._sender.set_link(link)

    def _lose(self, link: Link) -> None:
        if link.lost:
            return
        link.lose()
        if link is self._link:
            self._link = None
            self._sender.set_link(None)
        log.info("document channel lost")
        self._sender.link_lost(link)
        self._receiver.fail_all(Refusal(RefusalReason.INTERRUPTED, INTERRUPTED), notify_peer=False)

    # ------------------------------------------------------------------
    # Documents

    def offer(
        self,
        data: bytes,
        *,
        name: str,
        purpose: Purpose,
        ref: str | None = None,
        quality: tuple[str, ...] | None = None,
    ) -> OutgoingTransfer:
        """Queues a document; it is checked, then sent when the channel is open.

        ``name`` is shown to the other side (path components are dropped);
        the type comes from the content.  Returns at once.
        """
        if self._closed:
            raise RuntimeError("the document channel is closed")
        transfer = OutgoingTransfer(
            uuid.uuid4().hex,
            bytes(data),
            name=display_name(name),
            purpose=purpose,
            ref=ref,
            cancel=self._sender.cancel,
            quality=quality,
        )
        self._sender.submit(transfer)
        return transfer

    async def send(
        self,
        data: bytes,
        *,
        name: str,
        purpose: Purpose,
        ref: str | None = None,
        quality: tuple[str, ...] | None = None,
    ) -> DocumentOutcome:
        """Offers a document and waits until it is delivered or refused."""
        offer = self.offer(data, name=name, purpose=purpose, ref=ref, quality=quality)
        return await offer.result()

    # ------------------------------------------------------------------
    # Commands

    def send_command(self, command: Command) -> None:
        link = self._link
        if link is None or not link.opened.is_set() or not link.try_send(command):
            raise ChannelNotOpen(
                "The document channel is not connected; try again once the call is up."
            )

    def request_scan(self, prompt: str | None = None) -> str:
        """Agent: asks the kiosk to scan.  Returns the request id the scan will refer to."""
        request = uuid.uuid4().hex
        self.send_command(RequestScan(id=request, prompt=prompt[:200] if prompt else None))
        return request

    def report_device(
        self,
        device: Device,
        state: DeviceState,
        *,
        detail: str | None = None,
        ref: str | None = None,
    ) -> None:
        """Kiosk: tells the agent the scanner or printer state (paper jam, empty tray...)."""
        self.send_command(DeviceStatus(device=device, state=state, detail=_short(detail), ref=ref))

    def report_print(
        self, doc_id: str, outcome: PrintOutcome, *, detail: str | None = None
    ) -> None:
        """Kiosk: tells the agent whether a print job it accepted came out of the printer."""
        self.send_command(PrintResult(doc=doc_id, outcome=outcome, detail=_short(detail)))

    # ------------------------------------------------------------------

    async def close(self) -> None:
        """Ends every transfer (the peer is told when it can be) and every task."""
        if self._closed:
            return
        self._closed = True
        refusal = Refusal(RefusalReason.CLOSED, "The call ended before the document was delivered.")
        await self._sender.close(refusal)
        self._receiver.fail_all(refusal, notify_peer=True)
        await self._receiver.close()
        if self._link is not None:
            self._link.lose()
            self._link = None
        self._activity_changed()

    def _activity_changed(self) -> None:
        active = self._sender.active or self._receiver.active
        if active != self._active:
            self._active = active
            self.events.emit(TransferActivity(active))

    # ------------------------------------------------------------------
    # Incoming messages

    def _on_message(self, link: Link, data: str | bytes) -> None:
        if link is not self._link:
            return
        # Never let an exception escape into aiortc's receive path.
        try:
            if isinstance(data, bytes):
                self._on_chunk(link, data)
            else:
                self._on_text(link, data)
        except Exception:
            log.exception("document channel message handling failed")

    def _on_chunk(self, link: Link, data: bytes) -> None:
        try:
            doc, offset, payload = decode_chunk(data)
        except WireError as exc:
            self._bad_message(link, exc)
            return
        self._receiver.on_chunk(link, doc, offset, payload)

    def _on_text(self, link: Link, raw: str) -> None:
        try:
            msg = decode(raw)
        except WireError as exc:
            if exc.tag == "doc_offer" and exc.doc is not None:
                self._receiver.on_bad_offer(link, exc.doc, exc.message)
            elif exc.tag != "error":  # never answer an error with an error
                self._bad_message(link, exc)
            return
        match msg:
            case DocOffer():
                self._receiver.on_offer(link, msg)
            case DocEnd():
                self._receiver.on_end(link, msg)
            case DocCancel():
                self._receiver.on_cancel(link, msg)
            case DocReady() | DocAccepted():
                self._sender.on_reply(link, msg)
            case DocRefused():
                self._sender.on_refused(link, msg)
            case RequestScan() | DeviceStatus() | PrintResult():
                self.events.emit(CommandReceived(msg))
            case ChannelError():
                log.info("peer reports %s", msg.code)
                if msg.doc is not None:
                    self._sender.on_peer_error(link, msg.doc, msg.message)
                self.events.emit(PeerError(msg.code, msg.message, by_peer=True))

    def _bad_message(self, link: Link, exc: WireError) -> None:
        log.info("unusable message on the document channel: %s", exc.code.value)
        link.try_send(ChannelError(code=exc.code.value, message=exc.message[:2000], doc=exc.doc))
        if exc.doc is not None:
            self._receiver.refuse_id(
                exc.doc,
                Refusal(
                    RefusalReason.PROTOCOL, f"A piece of the document was unusable: {exc.message}"
                ),
            )
        self.events.emit(PeerError(exc.code.value, exc.message, by_peer=False))


def display_name(name: str) -> str:
    """The last path component of ``name``, without control characters, at most 255 long."""
    base = re.split(r"[/\\]", name)[-1]
    base = _UNSAFE_NAME.sub("", base).strip()
    if len(base) > 255:
        stem, dot, ext = base.rpartition(".")
        base = stem[: 254 - len(ext)] + dot + ext if dot and len(ext) <= 16 else base[:255]
    return base or "document"


def _short(text: str | None) -> str | None:
    return text[:200] if text else None
