"""One call between a kiosk and an agent: media, the document channel, recovery.

A :class:`CallSession` holds one RTCPeerConnection at a time.  Each one is a
*generation*: when the connection fails, stays disconnected for more than
``disconnected_grace_s``, or nothing at all comes from the other end for
``dead_path_s`` (our own dead-path detection: aioice alone takes about 30 s
to notice), the session builds a new peer connection for the same call,
numbered one higher, and negotiates it through the switchboard's relay.
aiortc has no ICE restart, hence a new connection rather than a restart of
the old one.  The old one is kept (``_park_leg``) until the new one is up:
when a cut line comes back, its media flow again at once.

Who does what (the agent's side always offers):

* agent (offerer): sends ``offer`` for each generation; on ``restart`` from
  the kiosk, or on its own detection, starts generation + 1;
* kiosk (answerer): answers each newer ``offer``; on its own detection sends
  ``restart`` carrying the generation that failed, again every
  ``restart_retry_s`` until a newer offer comes.

Signals of older generations are ignored.  Nothing is asked of either person.

Frames from the other end are read continuously and handed to bounded
consumers (:meth:`CallSession.video_sink`...).  Every ``stats_interval_s`` a
:class:`~agentdesk.engine.stats.CallStats` sample is published and the video
adaptation runs (adaptation.py); voice.py, pacing.py and datapacing.py fit
each connection with Opus FEC and concealment and with pacers that put voice
first (video at a rate, documents to a queueing-delay target); retransmit.py
answers NACKs from a task of the call, on a budget; playout.py keeps the
voice's queue at the speaker short after a burst.

Every task belongs to the session and is cancelled by :meth:`CallSession.close`,
which releases everything of the call but not the shared camera or microphone.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable, Coroutine, Iterator
from typing import Any

from aiortc import RTCConfiguration, RTCPeerConnection, RTCSessionDescription
from aiortc.mediastreams import AudioStreamTrack, MediaStreamTrack
from aiortc.rtcconfiguration import RTCBundlePolicy

from agentdesk.events import Listeners
from agentdesk.protocol import Role, Signal, SignalKind

from . import datapacing, encoding, ice, jitter, pacing, retransmit, voice
from .adaptation import DocumentYield, VideoAdapter
from .callconfig import SendSignal, SessionConfig, SessionState, TrackSource
from .camera import CameraTrack
from .leg import Leg
from .sinks import FrameConsumer, FrameQueue, pump_track
from .stats import CallStats

log = logging.getLogger(__name__)

DOCUMENTS_CHANNEL = "documents"
DOCUMENTS_CHANNEL_ID = 0


class CallSession:
    """One call; see the module docstring.  Created and used on the event loop."""

    def __init__(
        self,
        call_id: str,
        role: Role,
        send_signal: SendSignal,
        *,
        camera: TrackSource | None = None,
        microphone: TrackSource | None = None,
        config: SessionConfig | None = None,
    ) -> None:
        if role not in (Role.AGENT, Role.KIOSK):
            raise ValueError(f"a call session is the agent's or the kiosk's, not {role}")
        self.call_id = call_id
        self.role = role
        self.config = config or SessionConfig()
        self._send_signal = send_signal
        self._camera = camera
        self._microphone = microphone
        self.state = SessionState.NEW
        self.generation = -1
        """The current peer connection's generation (-1: none yet)."""
        self.restarts = 0
        self.last_stats: CallStats | None = None
        # Events: callbacks run on the loop and must not block.
        self.state_changes: Listeners[SessionState] = Listeners()
        self.stats_samples: Listeners[CallStats] = Listeners()
        self.data_channels: Listeners[Any] = Listeners()
        """Called with each generation's open "documents" RTCDataChannel."""
        self._video: Listeners[Any] = Listeners("remote video")
        self._audio: Listeners[Any] = Listeners("remote audio")
        self._sinks: list[FrameQueue[Any]] = []
        self._leg: Leg | None = None
        self._standby: Leg | None = None
        """The previous connection, kept while a new one negotiates (_park_leg)."""
        self._lock = asyncio.Lock()
        self._tasks: set[asyncio.Task[None]] = set()
        self._supervisor: asyncio.Task[None] | None = None
        self._restart_sent: tuple[int, float] | None = None
        self._documents = DocumentYield()
        self._fec_sizer = voice.FecSizer()
        self._state_event = asyncio.Event()
        self.policy = encoding.SendPolicy(
            max_video_bps=self.config.max_video_kbps * 1000,
            opus_bps=self.config.opus_kbps * 1000,
        )
        camera_fps = float(getattr(getattr(camera, "config", None), "fps", 30))
        self.adapter = VideoAdapter(camera_fps, self.config.adaptation)

    # -- public API -------------------------------------------------------

    @property
    def is_offerer(self) -> bool:
        return self.role == Role.AGENT

    @property
    def data_channel(self) -> Any:
        """The current generation's "documents" channel when open, else None."""
        leg = self._leg
        if leg is None or leg.channel is None or leg.channel.readyState != "open":
            return None
        return leg.channel

    @property
    def on_standby(self) -> bool:
        """Media come from the previous connection while a new one negotiates."""
        current = self._leg
        return self._standby is not None and (current is None or current.connected_at is None)

    @property
    def peer_connection(self) -> RTCPeerConnection | None:
        return self._leg.pc if self._leg is not None else None

    async def start(self) -> None:
        """Agent: sends the first offer.  Kiosk: waits for it (handle_signal)."""
        if self.state != SessionState.NEW:
            return
        self._set_state(SessionState.CONNECTING)
        self._supervisor = asyncio.create_task(self._supervise(), name=f"call-{self.call_id}")
        if self.is_offerer:
            async with self._lock:
                await self._offer(0)

    async def handle_signal(self, signal: Signal) -> None:
        """An offer, answer or restart relayed by the switchboard for this call."""
        if self.state == SessionState.CLOSED or signal.call_id != self.call_id:
            return
        async with self._lock:
            try:
                await self._handle(signal)
            except Exception as exc:
                # A malformed or unusable SDP: this generation is lost, recovery takes over.
                log.warning("call %s: %s signal rejected: %s", self.call_id, signal.kind, exc)
                await self._recover_locked(f"bad {signal.kind.value}")

    def video_sink(self, maxsize: int = 2) -> FrameQueue[Any]:
        """A new bounded sink of the other end's video frames (drop-oldest)."""
        sink: FrameQueue[Any] = FrameQueue(maxsize)
        self._sinks.append(sink)
        self._video.subscribe(sink.push)
        return sink

    def audio_sink(self, maxsize: int = 25) -> FrameQueue[Any]:
        """A new bounded sink of the other end's audio frames (20 ms each)."""
        sink: FrameQueue[Any] = FrameQueue(maxsize)
        self._sinks.append(sink)
        self._audio.subscribe(sink.push)
        return sink

    def add_video_consumer(self, consumer: FrameConsumer) -> Callable[[], None]:
        return self._video.subscribe(consumer)

    def add_audio_consumer(self, consumer: FrameConsumer) -> Callable[[], None]:
        """``consumer(frame)`` for each remote audio frame (a speaker's ``push``)."""
        return self._audio.subscribe(consumer)

    def set_video_budget(self, kbps: int | None) -> None:
        """Lowers the video ceiling (None: back to ``max_video_kbps``)."""
        self.policy.budget_bps = None if kbps is None else max(0, kbps) * 1000

    def documents_in_flight(self, busy: bool) -> None:
        """Video yields the line to a document transfer while ``busy``, and
        returns at once to what it had when it ends (adaptation.DocumentYield)."""
        if self._documents.update(busy, self.adapter, self.policy) and self._leg is not None:
            self._apply_level(self._leg)
        self.set_video_budget(self.config.document_video_kbps if busy else None)

    async def wait_for_state(
        self, *states: SessionState, timeout_s: float | None = None
    ) -> SessionState:
        """Waits until the session is in one of ``states``; returns it."""

        async def wait() -> SessionState:
            while self.state not in states:
                self._state_event.clear()
                await self._state_event.wait()
            return self.state

        async with asyncio.timeout(timeout_s):
            return await wait()

    async def close(self) -> None:
        """Ends the call: every task, the peer connection, the sinks.  Not the camera."""
        if self.state == SessionState.CLOSED:
            return
        self._set_state(SessionState.CLOSED)
        tasks = list(self._tasks)
        if self._supervisor is not None:
            tasks.append(self._supervisor)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        async with self._lock:
            await self._drop_leg()
            await self._drop_standby()
        for sink in self._sinks:
            sink.close()
        self._sinks.clear()

    # -- negotiation (called with the lock held) ----------------------------

    async def _handle(self, signal: Signal) -> None:
        kind, gen = signal.kind, signal.generation
        leg = self._leg
        if kind == SignalKind.OFFER and not self.is_offerer:
            if signal.sdp is None:
                raise ValueError("offer without SDP")
            if gen < self.generation:
                return  # stale
            if gen == self.generation:
                # A repeated offer: our answer may have been lost.  (No leg: we gave
                # that generation up and asked for a newer one.)
                if leg is not None and leg.pc.localDescription is not None:
                    await self._send(SignalKind.ANSWER, gen, leg.pc.localDescription.sdp)
                return
            await self._answer(gen, signal.sdp)
        elif kind == SignalKind.ANSWER and self.is_offerer:
            if signal.sdp is None:
                raise ValueError("answer without SDP")
            if leg is None or gen != leg.generation or leg.pc.signalingState != "have-local-offer":
                return  # stale or repeated
            with self._scope():
                await leg.pc.setRemoteDescription(RTCSessionDescription(signal.sdp, "answer"))
            self._pace(leg)
        elif kind == SignalKind.RESTART and self.is_offerer:
            if leg is not None and gen < leg.generation:
                # Already renegotiating; if our offer was lost, send it again.
                if leg.connected_at is None and leg.pc.localDescription is not None:
                    await self._send(SignalKind.OFFER, leg.generation, leg.pc.localDescription.sdp)
                return
            log.info("call %s: the kiosk asks for a new connection (gen %d)", self.call_id, gen)
            if await self._begin_recovery():
                await self._park_leg()
                await self._offer(max(gen, self.generation) + 1)
        else:
            log.info(
                "call %s: %s ignored by the %s side", self.call_id, kind.value, self.role.value
            )

    async def _offer(self, generation: int) -> None:
        leg = await self._new_leg(generation)
        pc = leg.pc
        self._add_media(leg, offering=True)
        self._open_channel(leg)
        with self._scope():
            await pc.setLocalDescription(await pc.createOffer())
        await self._send(SignalKind.OFFER, generation, pc.localDescription.sdp)

    async def _answer(self, generation: int, sdp: str) -> None:
        await self._park_leg()  # the agent's side may have seen the path die first
        leg = await self._new_leg(generation)
        pc = leg.pc
        self._restart_sent = None
        with self._scope():
            await pc.setRemoteDescription(RTCSessionDescription(sdp, "offer"))
            self._add_media(leg, offering=False)
            self._open_channel(leg)
            await pc.setLocalDescription(await pc.createAnswer())
        self._pace(leg)
        await self._send(SignalKind.ANSWER, generation, pc.localDescription.sdp)

    async def _new_leg(self, generation: int) -> Leg:
        await self._drop_leg()
        configuration = RTCConfiguration(
            iceServers=ice.rtc_ice_servers(self.config.ice_servers),
            bundlePolicy=RTCBundlePolicy.MAX_BUNDLE,
        )
        leg = Leg(generation, RTCPeerConnection(configuration))
        self._leg = leg
        self.generation = generation
        pc = leg.pc

        @pc.on("track")
        def on_track(track: MediaStreamTrack) -> None:
            listeners = self._video if track.kind == "video" else self._audio

            def counted() -> None:
                if track.kind == "video":
                    leg.frames_in += 1

            def publish(frame: Any) -> None:
                audible = track.kind == "video" or leg.catch_up.admit(frame, leg.voice)
                if self._live(leg) and audible:
                    listeners.emit(frame)

            self._spawn(leg, pump_track(track, publish, counted), f"pump-{track.kind}")

        @pc.on("connectionstatechange")
        def on_state() -> None:
            self._on_connection_state(leg)

        return leg

    def _add_media(self, leg: Leg, *, offering: bool) -> None:
        pc = leg.pc
        audio: MediaStreamTrack = (
            self._microphone.create_track() if self._microphone is not None else AudioStreamTrack()
        )
        video = self._camera.create_track() if self._camera is not None else None
        if isinstance(video, CameraTrack):
            leg.video_track = video
            self._apply_level(leg)
        if offering:
            pc.addTransceiver(audio, direction="sendrecv")
            pc.addTransceiver(video if video is not None else "video", direction="sendrecv")
        else:
            pc.addTrack(audio)
            if video is not None:
                pc.addTrack(video)
        for transceiver in pc.getTransceivers():
            if transceiver.kind == "video":
                transceiver.setCodecPreferences(encoding.video_codecs(self.config.video_codec))
                jitter.install_receiver(transceiver.receiver)
                retransmit.install_receiver(transceiver.receiver)
            elif transceiver.kind == "audio" and leg.voice is None:
                leg.voice = voice.install_receiver(transceiver.receiver)

    def _open_channel(self, leg: Leg) -> None:
        # Negotiated with a fixed id: both ends create it, neither waits for the other.
        channel = leg.pc.createDataChannel(
            DOCUMENTS_CHANNEL, ordered=True, negotiated=True, id=DOCUMENTS_CHANNEL_ID
        )
        leg.channel = channel

        @channel.on("open")
        def on_open() -> None:
            if self._leg is leg and self.state != SessionState.CLOSED:
                self.data_channels.emit(channel)

    @contextlib.contextmanager
    def _scope(self) -> Iterator[None]:
        # Candidate gathering and encoder creation happen inside aiortc calls
        # made here: both read their settings from context variables.
        with (
            ice.allowed_addresses(self.config.allowed_addresses),
            encoding.send_policy(self.policy),
        ):
            yield

    async def _send(self, kind: SignalKind, generation: int, sdp: str | None) -> None:
        signal = Signal(call_id=self.call_id, kind=kind, generation=generation, sdp=sdp)
        try:
            await self._send_signal(signal)
        except Exception as exc:
            # The switchboard may be away; the retry timers send again.
            log.warning("call %s: could not send %s: %s", self.call_id, kind.value, exc)

    async def _drop_leg(self) -> None:
        leg, self._leg = self._leg, None
        await self._close_leg(leg)

    async def _park_leg(self) -> None:
        """Keeps the current connection as a standby while the next one negotiates.

        A cut line loses the signalling too, so a new connection comes seconds
        after the line does; the old one, kept, carries media again at once.
        The standby goes when the new connection is up (or the call ends).
        """
        leg, self._leg = self._leg, None
        if leg is None:
            return
        if leg.connected_at is None or leg.pc.connectionState in ("failed", "closed"):
            await self._close_leg(leg)  # never carried media, or cannot any more
            return
        old, self._standby = self._standby, leg
        await self._close_leg(old)

    async def _drop_standby(self) -> None:
        leg, self._standby = self._standby, None
        await self._close_leg(leg)

    def _live(self, leg: Leg) -> bool:
        """Whether ``leg``'s frames go to the consumers (never two legs' at once)."""
        current = self._leg
        if leg is current:
            return leg.connected_at is not None or self._standby is None
        return leg is self._standby and self.on_standby

    async def _close_leg(self, leg: Leg | None) -> None:
        if leg is not None:
            await leg.close(self.call_id)

    # -- recovery -----------------------------------------------------------

    def _on_connection_state(self, leg: Leg) -> None:
        if leg is not self._leg or self.state in (SessionState.CLOSED, SessionState.FAILED):
            return
        state = leg.pc.connectionState
        if state == "connected":
            leg.connected_at = leg.connected_at or time.monotonic()
            leg.disconnected_since = None
            leg.rx_changed_at = time.monotonic()
            self._restart_sent = None
            self._set_state(SessionState.CONNECTED)
            if self._standby is not None:
                self._spawn_session(self._drop_standby(), "drop-standby")
        elif state == "disconnected":
            leg.disconnected_since = leg.disconnected_since or time.monotonic()
        elif state == "failed":
            self._spawn_session(self._recover(leg, "connection failed"), "recover")

    async def _recover(self, leg: Leg, reason: str) -> None:
        async with self._lock:
            if leg is not self._leg:
                return  # already replaced
            await self._recover_locked(reason)

    async def _recover_locked(self, reason: str) -> None:
        if self.state in (SessionState.CLOSED, SessionState.FAILED):
            return
        log.info("call %s: generation %d lost (%s)", self.call_id, self.generation, reason)
        if not await self._begin_recovery():
            return
        await self._park_leg()
        if self.is_offerer:
            await self._offer(self.generation + 1)
        else:
            generation = max(self.generation, 0)
            self.generation = generation
            self._restart_sent = (generation, time.monotonic())
            await self._send(SignalKind.RESTART, generation, None)

    async def _begin_recovery(self) -> bool:
        """Counts a restart; False (and FAILED) when the allowance is used up."""
        self.restarts += 1
        limit = self.config.max_restarts
        if limit is not None and self.restarts > limit:
            await self._drop_leg()
            await self._drop_standby()
            self._set_state(SessionState.FAILED)
            return False
        self._set_state(SessionState.RECONNECTING)
        return True

    async def _supervise(self) -> None:
        interval = self.config.stats_interval_s
        while True:
            await asyncio.sleep(interval)
            try:
                await self._tick()
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("call %s: supervision step failed", self.call_id)

    async def _tick(self) -> None:
        cfg = self.config
        now = time.monotonic()
        leg = self._leg
        if self.state in (SessionState.CLOSED, SessionState.FAILED):
            return
        if leg is None:
            sent = self._restart_sent
            if not self.is_offerer and sent is not None and now - sent[1] >= cfg.restart_retry_s:
                self._restart_sent = (sent[0], now)
                await self._send(SignalKind.RESTART, sent[0], None)
            return
        if leg.connected_at is None:
            waiting_for_first_offer = not self.is_offerer and self.generation < 0
            if not waiting_for_first_offer and now - leg.started_at > cfg.connect_timeout_s:
                await self._recover(leg, "no connection in time")
            return
        if (
            leg.disconnected_since is not None
            and now - leg.disconnected_since > cfg.disconnected_grace_s
        ):
            await self._recover(leg, "disconnected")
            return
        report = await leg.pc.getStats()
        if leg is not self._leg:
            return
        track = leg.video_track
        sample = leg.sampler.sample(
            report,
            frames_in=leg.frames_in,
            frames_out=track.frames_sent if track is not None else 0,
            video_size_out=self.policy.encoded_size,
            video_level=self.adapter.level.name,
            receiver_estimate_bps=self.policy.receiver_estimate_bps,
            voice=leg.voice,
        )
        self.last_stats = sample
        self.policy.opus_loss_pct = self._fec_sizer.update(sample.loss_out_pct)
        if sample.packets_received != leg.rx_packets:
            leg.rx_packets = sample.packets_received
            leg.rx_changed_at = now
        elif now - leg.rx_changed_at > cfg.dead_path_s:
            await self._recover(leg, f"nothing received for {cfg.dead_path_s:g} s")
            return
        if cfg.adapt:
            self.adapter.update(
                now, sample, self.policy.ceiling_bps() / 1000, self.policy.encode_seconds
            )
            self.policy.clear_line_bps = self.adapter.clear_line_bps(self.policy.ceiling_bps())
            self._apply_level(leg)
        self.stats_samples.emit(sample)

    def _pace(self, leg: Leg) -> None:
        # Once negotiated: the payload types voice goes out with are known.
        policy = self.policy
        leg.pacer = pacing.install_on(leg.pc, lambda: pacing.PACING_FACTOR * policy.video_cap_bps())
        if (data := datapacing.install_on(leg.pc)) is not None:
            self._spawn(leg, data.run(), "data-pacer")
        for transceiver in leg.pc.getTransceivers():
            if transceiver.kind == "video":
                queue = retransmit.install_sender(transceiver.sender)
                if queue is not None:
                    self._spawn(leg, queue.run(), "retransmit")

    def _apply_level(self, leg: Leg) -> None:
        level = self.adapter.level
        self.policy.scale = level.scale
        self.policy.adapt_bps = None if level.max_kbps >= 10_000 else int(level.max_kbps * 1000)
        track = leg.video_track
        if track is not None:
            track.max_fps = level.fps
            track.paused = level.paused

    # -- plumbing -----------------------------------------------------------

    def _set_state(self, state: SessionState) -> None:
        if state == self.state:
            return
        log.info("call %s: %s -> %s", self.call_id, self.state.value, state.value)
        self.state = state
        self._state_event.set()
        self.state_changes.emit(state)

    def _spawn(self, leg: Leg, coro: Coroutine[Any, Any, None], name: str) -> None:
        task = asyncio.create_task(coro, name=f"call-{self.call_id}-{name}")
        leg.tasks.add(task)
        task.add_done_callback(leg.tasks.discard)

    def _spawn_session(self, coro: Coroutine[Any, Any, None], name: str) -> None:
        task = asyncio.create_task(coro, name=f"call-{self.call_id}-{name}")
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
