"""The receiving half: offers, chunks, the end check, verification, acknowledgement.

Documents are assembled in memory, verified in a worker thread (hash, type,
real decoder) and handed to the app as ReceivedDocument: nothing touches disk.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable

from .events import (
    DocumentEvent,
    DocumentOffered,
    DocumentReceived,
    DocumentRefused,
    PeerError,
    TransferProgress,
)
from .link import Link
from .model import (
    ChannelSettings,
    Direction,
    DocumentInfo,
    DocumentLimits,
    DocumentType,
    Purpose,
    ReceivedDocument,
    Refusal,
    RefusalReason,
    TransferState,
    mib,
)
from .validation import DocumentCheckError, Inspection, check_size, check_type, verify
from .wire import (
    ChannelError,
    ChannelErrorCode,
    DocAccepted,
    DocCancel,
    DocEnd,
    DocOffer,
    DocReady,
    DocRefused,
)

log = logging.getLogger(__name__)

Emit = Callable[[DocumentEvent], None]

_REMEMBERED_IDS = 256
_SNIFF_BYTES = 8
_PURPOSE_LABEL = {Purpose.SCAN: "scans", Purpose.PRINT: "print jobs"}


class _Incoming:
    def __init__(self, info: DocumentInfo, link: Link) -> None:
        self.info = info
        self.link = link
        self.buffer = bytearray()
        self.state = TransferState.OFFERED
        self.last_activity = time.monotonic()
        self.reported = 0
        self.timer: asyncio.TimerHandle | None = None

    @property
    def verifying(self) -> bool:
        return self.state is TransferState.VERIFYING


class Receiver:
    def __init__(
        self,
        *,
        limits: DocumentLimits,
        settings: ChannelSettings,
        accept: Iterable[Purpose],
        emit: Emit,
        activity_changed: Callable[[], None],
    ) -> None:
        self._limits = limits
        self._settings = settings
        self._accept = frozenset(accept)
        self._emit = emit
        self._activity_changed = activity_changed
        self._transfers: dict[str, _Incoming] = {}
        # Ids of finished documents: late chunks for them are dropped quietly,
        # and an id is never accepted twice.
        self._finished: OrderedDict[str, None] = OrderedDict()
        self._verifications: set[asyncio.Task[None]] = set()
        # One verification at a time bounds memory: decoding a 50-megapixel
        # image takes about 200 MB.
        self._verify_lock = asyncio.Semaphore(1)

    @property
    def active(self) -> bool:
        return any(t.state is TransferState.TRANSFERRING for t in self._transfers.values())

    # ------------------------------------------------------------------
    # Messages from the sender

    def on_offer(self, link: Link, msg: DocOffer) -> None:
        if msg.doc in self._transfers or msg.doc in self._finished:
            # Not recorded: the transfer already under this id goes on.
            self._refuse_unknown(
                link,
                msg.doc,
                None,
                Refusal(RefusalReason.DUPLICATE, "A document with this id was already sent."),
                remember=False,
            )
            return
        try:
            mime = DocumentType(msg.mime)
        except ValueError:
            self._refuse_unknown(
                link,
                msg.doc,
                None,
                Refusal(
                    RefusalReason.UNSUPPORTED_TYPE,
                    f"Documents of type {msg.mime!r} are not accepted: "
                    "only PDF, JPEG, PNG and TIFF.",
                ),
            )
            return
        info = DocumentInfo(
            doc_id=msg.doc,
            name=msg.name,
            mime=mime,
            size=msg.size,
            sha256=msg.sha256,
            purpose=msg.purpose,
            pages=msg.pages,
            ref=msg.ref,
            quality=tuple(msg.quality) if msg.quality is not None else None,
        )
        refusal = self._check_offer(info)
        if refusal is not None:
            self._refuse_unknown(link, msg.doc, info, refusal)
            return
        transfer = _Incoming(info, link)
        self._transfers[msg.doc] = transfer
        self._emit(DocumentOffered(info, Direction.INCOMING))
        if not link.try_send(DocReady(doc=msg.doc)):
            return  # the close event fails it
        transfer.state = TransferState.TRANSFERRING
        self._arm_stall_timer(transfer)
        self._activity_changed()

    def _check_offer(self, info: DocumentInfo) -> Refusal | None:
        if info.purpose not in self._accept:
            return Refusal(
                RefusalReason.WRONG_PURPOSE,
                f"This side does not accept {_PURPOSE_LABEL[info.purpose]}.",
            )
        try:
            check_size(info.size, self._limits)
        except DocumentCheckError as exc:
            return Refusal(exc.reason, exc.message)
        if info.pages is not None and info.pages > self._limits.max_pages:
            return Refusal(
                RefusalReason.TOO_MANY_PAGES,
                f"The document has {info.pages} pages; the limit is {self._limits.max_pages}.",
            )
        if len(self._transfers) >= self._settings.max_incoming:
            return Refusal(
                RefusalReason.BUSY,
                f"{len(self._transfers)} documents are already arriving; "
                "send this one again when they are done.",
            )
        return None

    def on_bad_offer(self, link: Link, doc: str, problem: str) -> None:
        self._refuse_unknown(
            link,
            doc,
            None,
            Refusal(RefusalReason.BAD_OFFER, f"The document's description is invalid: {problem}"),
        )

    def on_chunk(self, link: Link, doc: str, offset: int, payload: memoryview) -> None:
        transfer = self._transfers.get(doc)
        if transfer is None or transfer.link is not link:
            if doc not in self._finished:
                self._remember(doc)
                problem = "a chunk arrived for a document that was not offered"
                link.try_send(
                    ChannelError(code=ChannelErrorCode.UNKNOWN_DOCUMENT, message=problem, doc=doc)
                )
                self._emit(
                    PeerError(ChannelErrorCode.UNKNOWN_DOCUMENT.value, problem, by_peer=False)
                )
            return
        if transfer.state is not TransferState.TRANSFERRING:
            self.refuse(
                transfer,
                Refusal(RefusalReason.PROTOCOL, "Data arrived after the end of the document."),
            )
            return
        received = len(transfer.buffer)
        if offset != received:
            self.refuse(
                transfer,
                Refusal(
                    RefusalReason.PROTOCOL,
                    f"A piece of the document arrived out of place "
                    f"(at byte {offset}, expected {received}).",
                ),
            )
            return
        size = transfer.info.size
        if received + len(payload) > size:
            self.refuse(
                transfer,
                Refusal(
                    RefusalReason.TOO_LARGE,
                    f"More bytes arrived than the {mib(size)} announced.",
                ),
            )
            return
        if offset == 0 and len(payload) >= _SNIFF_BYTES:
            # The type shows in the first bytes: no need to wait for the rest.
            try:
                check_type(payload, transfer.info.mime)
            except DocumentCheckError as exc:
                self.refuse(transfer, Refusal(exc.reason, exc.message))
                return
        transfer.buffer += payload
        transfer.last_activity = time.monotonic()
        done = len(transfer.buffer)
        step = max(1, int(size * self._settings.progress_step))
        if done == size or done - transfer.reported >= step:
            transfer.reported = done
            self._emit(TransferProgress(doc, Direction.INCOMING, done, size))

    def on_end(self, link: Link, msg: DocEnd) -> None:
        transfer = self._transfers.get(msg.doc)
        if transfer is None or transfer.link is not link:
            return  # already refused, or never offered (its chunks said so)
        size = transfer.info.size
        received = len(transfer.buffer)
        if received < size or msg.size < size:
            self.refuse(
                transfer,
                Refusal(
                    RefusalReason.TRUNCATED,
                    f"Only {mib(received)} of the {mib(size)} announced arrived: "
                    "the document is incomplete; please send it again.",
                ),
            )
            return
        if msg.size > size:
            self.refuse(
                transfer,
                Refusal(
                    RefusalReason.TOO_LARGE,
                    f"The sender sent {mib(msg.size)}, more than the {mib(size)} announced.",
                ),
            )
            return
        transfer.state = TransferState.VERIFYING
        self._cancel_timer(transfer)
        self._activity_changed()
        task = asyncio.get_running_loop().create_task(
            self._verify(transfer), name=f"documents-verify-{msg.doc[:8]}"
        )
        self._verifications.add(task)
        task.add_done_callback(self._verifications.discard)

    def on_cancel(self, link: Link, msg: DocCancel) -> None:
        transfer = self._transfers.get(msg.doc)
        if transfer is None or transfer.link is not link:
            return
        reason = _reason(msg.reason, RefusalReason.CANCELLED)
        self.refuse(transfer, Refusal(reason, msg.message, by_peer=True), notify_peer=False)

    # ------------------------------------------------------------------

    async def _verify(self, transfer: _Incoming) -> None:
        info = transfer.info
        async with self._verify_lock:
            if transfer.state is not TransferState.VERIFYING:
                return
            buffer, transfer.buffer = transfer.buffer, bytearray()
            try:
                data, inspection = await asyncio.to_thread(
                    _verify_in_thread, buffer, info, self._limits
                )
            except DocumentCheckError as exc:
                self.refuse(transfer, Refusal(exc.reason, exc.message))
                return
        if not transfer.verifying:
            return  # interrupted or shut down while the thread ran
        del self._transfers[info.doc_id]
        self._remember(info.doc_id)
        transfer.state = TransferState.DELIVERED
        transfer.link.try_send(
            DocAccepted(doc=info.doc_id, sha256=info.sha256, pages=inspection.pages)
        )
        log.info("document %s received and verified (%d bytes)", info.doc_id, info.size)
        self._emit(
            DocumentReceived(
                ReceivedDocument(
                    info=info,
                    data=data,
                    pages=inspection.pages,
                    width=inspection.width,
                    height=inspection.height,
                )
            )
        )

    def refuse(self, transfer: _Incoming, refusal: Refusal, *, notify_peer: bool = True) -> None:
        if transfer.state.is_final:
            return
        doc = transfer.info.doc_id
        was_active = transfer.state is TransferState.TRANSFERRING
        transfer.state = TransferState.REFUSED
        transfer.buffer = bytearray()
        self._cancel_timer(transfer)
        self._transfers.pop(doc, None)
        self._remember(doc)
        log.info("incoming document %s refused: %s", doc, refusal.reason.value)
        if notify_peer:
            transfer.link.try_send(
                DocRefused(doc=doc, reason=refusal.reason.value, message=refusal.message)
            )
        self._emit(DocumentRefused(doc, Direction.INCOMING, refusal, transfer.info))
        if was_active:
            self._activity_changed()

    def _refuse_unknown(
        self,
        link: Link,
        doc: str,
        info: DocumentInfo | None,
        refusal: Refusal,
        *,
        remember: bool = True,
    ) -> None:
        if remember:
            self._remember(doc)
        log.info("document offer %s refused: %s", doc, refusal.reason.value)
        link.try_send(DocRefused(doc=doc, reason=refusal.reason.value, message=refusal.message))
        self._emit(DocumentRefused(doc, Direction.INCOMING, refusal, info))

    def refuse_id(self, doc: str, refusal: Refusal) -> None:
        transfer = self._transfers.get(doc)
        if transfer is not None:
            self.refuse(transfer, refusal)

    def fail_all(self, refusal: Refusal, *, notify_peer: bool) -> None:
        """Ends every incoming transfer (link lost, or shutting down)."""
        for transfer in list(self._transfers.values()):
            self.refuse(transfer, refusal, notify_peer=notify_peer)

    async def close(self) -> None:
        for task in list(self._verifications):
            task.cancel()
        # The threads themselves finish on their own; their results are dropped.
        await asyncio.gather(*self._verifications, return_exceptions=True)

    # ------------------------------------------------------------------

    def _remember(self, doc: str) -> None:
        self._finished[doc] = None
        while len(self._finished) > _REMEMBERED_IDS:
            self._finished.popitem(last=False)

    def _arm_stall_timer(self, transfer: _Incoming) -> None:
        # One timer per transfer, re-armed lazily from last_activity rather
        # than on every chunk.
        loop = asyncio.get_running_loop()
        delay = transfer.last_activity + self._settings.stall_timeout_s - time.monotonic()
        transfer.timer = loop.call_later(max(0.0, delay), self._on_stall_timer, transfer)

    def _on_stall_timer(self, transfer: _Incoming) -> None:
        transfer.timer = None
        if transfer.state is not TransferState.TRANSFERRING:
            return
        idle = time.monotonic() - transfer.last_activity
        if idle < self._settings.stall_timeout_s:
            self._arm_stall_timer(transfer)
            return
        self.refuse(
            transfer,
            Refusal(
                RefusalReason.TIMEOUT,
                f"No data arrived for {self._settings.stall_timeout_s:g} s: "
                "the transfer was stopped; please send the document again.",
            ),
        )

    @staticmethod
    def _cancel_timer(transfer: _Incoming) -> None:
        if transfer.timer is not None:
            transfer.timer.cancel()
            transfer.timer = None


def _verify_in_thread(
    buffer: bytearray, info: DocumentInfo, limits: DocumentLimits
) -> tuple[bytes, Inspection]:
    data = bytes(buffer)
    return data, verify(data, info.sha256, limits, announced=info.mime)


def _reason(code: str, default: RefusalReason) -> RefusalReason:
    try:
        return RefusalReason(code)
    except ValueError:
        return default
