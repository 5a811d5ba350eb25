"""The sending half: one owned task sends queued documents one after another.

Per document: check it locally (worker thread), offer it, wait for
``doc_ready``, push chunks while the data channel's buffer stays under the
high-water mark (``bufferedamountlow`` wakes us), send ``doc_end``, wait for
the receiver's verdict.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import deque
from collections.abc import Callable

from .events import (
    DocumentDelivered,
    DocumentEvent,
    DocumentOffered,
    DocumentRefused,
    TransferProgress,
)
from .link import Link, LinkLost
from .model import (
    ChannelSettings,
    Direction,
    DocumentInfo,
    DocumentLimits,
    DocumentOutcome,
    Purpose,
    Refusal,
    RefusalReason,
    TransferState,
)
from .validation import DocumentCheckError, inspect, sha256_hex
from .wire import (
    DocAccepted,
    DocCancel,
    DocEnd,
    DocOffer,
    DocReady,
    DocRefused,
    Message,
    encode_chunk,
)

log = logging.getLogger(__name__)

INTERRUPTED = (
    "The connection was interrupted while the document was on its way; please send it again."
)


class _Finished(Exception):
    """Unwinds the sending task once a transfer has ended (refused, cancelled...)."""


class OutgoingTransfer:
    """A handle on one document being sent.  Create with DocumentChannel.offer."""

    def __init__(
        self,
        doc_id: str,
        data: bytes,
        *,
        name: str,
        purpose: Purpose,
        ref: str | None,
        cancel: Callable[[OutgoingTransfer], None],
        quality: tuple[str, ...] | None = None,
    ) -> None:
        self.doc_id = doc_id
        self.name = name
        self.purpose = purpose
        self.ref = ref
        self.quality = quality
        self.state = TransferState.QUEUED
        self.info: DocumentInfo | None = None
        """Known once the document passed the local checks."""
        self.sent = 0
        self.refusal: Refusal | None = None
        self.data = data
        self.link: Link | None = None
        self.waiter: asyncio.Future[Message | None] | None = None
        self._outcome: asyncio.Future[DocumentOutcome] = asyncio.get_running_loop().create_future()
        self._cancel = cancel

    @property
    def done(self) -> bool:
        return self._outcome.done()

    async def result(self) -> DocumentOutcome:
        """Waits for the end: delivered (accepted by the peer) or refused with a reason."""
        return await asyncio.shield(self._outcome)

    def cancel(self) -> None:
        """Stops the transfer; the peer is told (``doc_cancel``)."""
        self._cancel(self)

    def _resolve(self, outcome: DocumentOutcome) -> None:
        self._outcome.set_result(outcome)


class Sender:
    def __init__(
        self,
        *,
        limits: DocumentLimits,
        settings: ChannelSettings,
        emit: Callable[[DocumentEvent], None],
        activity_changed: Callable[[], None],
    ) -> None:
        self._limits = limits
        self._settings = settings
        self._emit = emit
        self._activity_changed = activity_changed
        self._queue: deque[OutgoingTransfer] = deque()
        self._queued = asyncio.Event()
        self._current: OutgoingTransfer | None = None
        self._link: Link | None = None
        self._link_changed = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    @property
    def active(self) -> bool:
        current = self._current
        return current is not None and current.state in (
            TransferState.OFFERED,
            TransferState.TRANSFERRING,
        )

    def submit(self, transfer: OutgoingTransfer) -> None:
        self._queue.append(transfer)
        self._queued.set()
        if self._task is None or self._task.done():
            self._task = asyncio.get_running_loop().create_task(
                self._run(), name="documents-sender"
            )

    def set_link(self, link: Link | None) -> None:
        """The channel's open link, or None while there is none."""
        self._link = link
        self._link_changed.set()

    def link_lost(self, link: Link) -> None:
        current = self._current
        if (
            current is not None
            and current.link is link
            and current.state is not TransferState.QUEUED
        ):
            self._finish(current, Refusal(RefusalReason.INTERRUPTED, INTERRUPTED))

    # ------------------------------------------------------------------
    # Answers from the receiver

    def on_reply(self, link: Link, msg: DocReady | DocAccepted) -> None:
        transfer = self._matching(link, msg.doc)
        if transfer is None:
            return
        expected = DocReady if transfer.state is TransferState.OFFERED else DocAccepted
        waiter = transfer.waiter
        if isinstance(msg, expected) and waiter is not None and not waiter.done():
            waiter.set_result(msg)
        else:
            log.debug("unexpected %s for document %s", type(msg).__name__, msg.doc)

    def on_refused(self, link: Link, msg: DocRefused) -> None:
        transfer = self._matching(link, msg.doc)
        if transfer is not None:
            reason = _reason(msg.reason)
            self._finish(transfer, Refusal(reason, msg.message, by_peer=True))

    def on_peer_error(self, link: Link, doc: str, message: str) -> None:
        transfer = self._matching(link, doc)
        if transfer is not None:
            text = f"The other side could not read the document: {message}"
            self._finish(transfer, Refusal(RefusalReason.PROTOCOL, text, by_peer=True))

    def _matching(self, link: Link, doc: str) -> OutgoingTransfer | None:
        current = self._current
        if current is None or current.link is not link or current.doc_id != doc:
            return None
        return current

    # ------------------------------------------------------------------

    def cancel(self, transfer: OutgoingTransfer) -> None:
        if transfer.done:
            return
        refusal = Refusal(RefusalReason.CANCELLED, "The sender cancelled the document.")
        if transfer in self._queue:
            self._queue.remove(transfer)
        elif transfer.link is not None and transfer.state is not TransferState.QUEUED:
            transfer.link.try_send(
                DocCancel(doc=transfer.doc_id, reason=refusal.reason.value, message=refusal.message)
            )
        self._finish(transfer, refusal)

    async def close(self, refusal: Refusal) -> None:
        # Taken first: the task forgets its current transfer as it unwinds.
        pending = [t for t in (self._current, *self._queue) if t is not None]
        self._queue.clear()
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        for transfer in pending:
            if transfer.link is not None and transfer.state is not TransferState.QUEUED:
                transfer.link.try_send(
                    DocCancel(
                        doc=transfer.doc_id, reason=refusal.reason.value, message=refusal.message
                    )
                )
            self._finish(transfer, refusal)

    # ------------------------------------------------------------------

    async def _run(self) -> None:
        while True:
            while not self._queue:
                self._queued.clear()
                await self._queued.wait()
            transfer = self._queue.popleft()
            self._current = transfer
            try:
                await self._send(transfer)
            except _Finished:
                pass
            except Exception:
                # A bug must not stop the documents queued after this one.
                log.exception("sending document %s failed", transfer.doc_id)
                self._finish(
                    transfer,
                    Refusal(
                        RefusalReason.PROTOCOL, "The document could not be sent (internal error)."
                    ),
                )
            finally:
                self._current = None
                self._activity_changed()

    async def _send(self, transfer: OutgoingTransfer) -> None:
        if transfer.info is None:
            try:
                transfer.info = await asyncio.to_thread(_prepare, transfer, self._limits)
            except DocumentCheckError as exc:
                self._finish(transfer, Refusal(exc.reason, exc.message))
                return
        while True:
            link = await self._open_link()
            if transfer.done:
                return
            try:
                await self._transfer(link, transfer, transfer.info)
                return
            except LinkLost:
                if transfer.state is not TransferState.QUEUED:
                    self._finish(transfer, Refusal(RefusalReason.INTERRUPTED, INTERRUPTED))
                    return
                # Not offered yet: it goes out on the next data channel.

    async def _open_link(self) -> Link:
        while True:
            link = self._link
            if link is not None and not link.lost and link.opened.is_set():
                return link
            self._link_changed.clear()
            await self._link_changed.wait()

    async def _transfer(self, link: Link, transfer: OutgoingTransfer, info: DocumentInfo) -> None:
        loop = asyncio.get_running_loop()
        transfer.link = link
        transfer.waiter = loop.create_future()
        link.send(
            DocOffer(
                doc=info.doc_id,
                name=info.name,
                mime=info.mime.value,
                size=info.size,
                sha256=info.sha256,
                purpose=info.purpose,
                pages=info.pages,
                ref=info.ref,
                quality=list(info.quality) if info.quality is not None else None,
            )
        )
        transfer.state = TransferState.OFFERED
        self._emit(DocumentOffered(info, Direction.OUTGOING))
        self._activity_changed()
        ready = await self._reply(link, transfer, ready=True)
        if not isinstance(ready, DocReady) or ready.offset != 0:
            self.cancel(transfer)
            raise _Finished
        transfer.state = TransferState.TRANSFERRING
        self._activity_changed()

        view = memoryview(transfer.data)
        size, chunk, high = info.size, self._settings.chunk_size, self._settings.high_water
        step = max(1, int(size * self._settings.progress_step))
        offset = reported = 0
        while offset < size:
            while link.channel.bufferedAmount > high:
                await link.drained(high)
                self._check(link, transfer)
            end = min(offset + chunk, size)
            link.send(encode_chunk(info.doc_id, offset, view[offset:end]))
            offset = transfer.sent = end
            if offset == size or offset - reported >= step:
                reported = offset
                self._emit(TransferProgress(info.doc_id, Direction.OUTGOING, offset, size))

        transfer.waiter = loop.create_future()
        link.send(DocEnd(doc=info.doc_id, size=offset))
        transfer.state = TransferState.VERIFYING
        self._activity_changed()
        verdict = await self._reply(link, transfer, ready=False)
        if isinstance(verdict, DocAccepted):
            self._finish(transfer, None)

    async def _reply(
        self, link: Link, transfer: OutgoingTransfer, *, ready: bool
    ) -> Message | None:
        """Waits for doc_ready (``ready``) or for the verdict, within its timeout."""
        if ready:
            timeout = self._settings.ready_timeout_s
            silence = "The other side did not answer the offer"
        else:
            timeout = self._settings.ack_timeout_s
            silence = "The other side did not confirm the document"
        waiter = transfer.waiter
        assert waiter is not None
        try:
            async with asyncio.timeout(timeout):
                reply = await waiter
        except TimeoutError:
            message = f"{silence} (no answer in {timeout:g} s)."
            link.try_send(
                DocCancel(doc=transfer.doc_id, reason=RefusalReason.TIMEOUT.value, message=message)
            )
            self._finish(transfer, Refusal(RefusalReason.TIMEOUT, message))
            raise _Finished from None
        self._check(link, transfer)
        return reply

    @staticmethod
    def _check(link: Link, transfer: OutgoingTransfer) -> None:
        if transfer.done:
            raise _Finished
        if link.lost:
            raise LinkLost

    def _finish(self, transfer: OutgoingTransfer, refusal: Refusal | None) -> None:
        if transfer.done:
            return
        transfer.refusal = refusal
        transfer.state = TransferState.DELIVERED if refusal is None else TransferState.REFUSED
        transfer.data = b""
        transfer._resolve(DocumentOutcome(transfer.doc_id, transfer.info, refusal))
        if refusal is None:
            assert transfer.info is not None
            log.info("document %s delivered (%d bytes)", transfer.doc_id, transfer.info.size)
            self._emit(DocumentDelivered(transfer.info))
        else:
            log.info("outgoing document %s refused: %s", transfer.doc_id, refusal.reason.value)
            self._emit(DocumentRefused(transfer.doc_id, Direction.OUTGOING, refusal, transfer.info))
        # Wake the sending task wherever it waits; it sees the transfer done.
        waiter = transfer.waiter
        if waiter is not None and not waiter.done():
            waiter.set_result(None)
        if transfer.link is not None:
            transfer.link.wake()
        self._activity_changed()


def _prepare(transfer: OutgoingTransfer, limits: DocumentLimits) -> DocumentInfo:
    """Runs in a worker thread: the same checks the receiver will make."""
    inspection = inspect(transfer.data, limits)
    return DocumentInfo(
        doc_id=transfer.doc_id,
        name=transfer.name,
        mime=inspection.mime,
        size=len(transfer.data),
        sha256=sha256_hex(transfer.data),
        purpose=transfer.purpose,
        pages=inspection.pages,
        ref=transfer.ref,
        quality=transfer.quality,
    )


def _reason(code: str) -> RefusalReason:
    try:
        return RefusalReason(code)
    except ValueError:
        return RefusalReason.PROTOCOL
