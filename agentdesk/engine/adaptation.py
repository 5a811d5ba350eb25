"""Voice first: how outgoing video steps down when the link or the encoder is short.

Each step lowers the frame rate, then the picture size, then pauses video
on a still image sent once a second; audio is never touched.  The adapter
steps down at once when the available bitrate (our ceiling, a document
transfer's budget, the other end's estimate) is below what the step needs,
one step when the other end reports heavy loss for several seconds in a row
(above 10 %, as libwebrtc's loss-based control: a few percent of random
loss is repaired by retransmission and FEC, not a sign of a full line) or a
long round trip, and one step
when encoding a frame takes most of the time between two frames (so the
encoder never falls behind and delay never builds up).  It steps back up
one step after ``recover_s`` of good conditions.

The other end's estimate is aiortc's receive-side one (REMB), which reads
the variation of packet delays as a queue building: 40 ± 10 ms of jitter on
an empty line (an ADSL line) drove it, and video, down to a still picture
(issue 13).  :class:`LineTrend` is our own, sender-side view from the RTCP
reports about what we send: a queue is building when the round trip grows
over its lowest of the last ``rtt_window_s`` (a trend, not the jitter's
spread), or the other end reports losses (over ``clear_loss_pct``: a line
that overflows loses at once, and aiortc's round trip, smoothed and taken
only from the latest sender report, lags).  A line that loses a few percent
at random with no queue building (a radio link) has that loss as its
background after ``background_after_s``: then only loss over twice it (and
always over 10 %) counts, so loss and jitter together do not hand video
back to the jitter-depressed estimate.  While it sees neither, the
estimate is followed down to what the full picture needs and no further
(:meth:`VideoAdapter.clear_line_bps`): not to the configured ceiling, since
a line narrower than the ceiling is only seen once it overflows, and an
overflowing line makes aiortc's retransmissions (NACK) snowball.
"""

from __future__ import annotations

import statistics
from collections import deque
from dataclasses import dataclass

from .encoding import SendPolicy
from .stats import CallStats


@dataclass(frozen=True)
class VideoLevel:
    name: str
    scale: float
    fps: float | None
    """None: the camera's full rate."""
    paused: bool
    min_kbps: float
    """Below this available bitrate the step is not worth sending."""
    max_kbps: float
    """The video bitrate ceiling while on this step."""


LEVELS: tuple[VideoLevel, ...] = (
    VideoLevel("full", 1.0, None, False, 300, 100_000),
    VideoLevel("reduced_rate", 1.0, 15, False, 200, 400),
    VideoLevel("half_size", 0.5, 15, False, 120, 250),
    VideoLevel("low", 0.5, 8, False, 70, 150),
    VideoLevel("still", 0.5, 1, True, 0, 80),
)


@dataclass(frozen=True)
class AdaptationConfig:
    loss_pct: float = 10.0
    loss_samples: int = 3
    """Consecutive samples above ``loss_pct`` before loss counts as congestion."""
    rtt_ms: float = 700.0
    overshoot: float = 1.4
    """Step down when the video sent exceeds its ceiling by this factor."""
    encode_share: float = 0.6
    """Step down when one encode takes more than this share of the frame interval..."""
    slow_samples: int = 2
    """...in this many samples in a row: a call's first keyframes, or one busy second
    of a shared machine, are not an encoder that cannot keep up."""
    down_every_s: float = 2.0
    recover_s: float = 8.0
    queue_ms: float = 50.0
    """A round trip this much over its lowest of ``rtt_window_s`` is a queue building:
    above the spread of 40 ± 10 ms of jitter each way (40 ms), under the 100 ms
    that a full ADSL modem's queue adds."""
    rtt_window_s: float = 5.0
    """Short: a queue that keeps growing fills a modem's 100 ms in a second or two and
    then loses (``clear_loss_pct``); a path whose own delay changed (a call moved to
    a longer route) is flat after the step, not a queue for as long as a long window."""
    clear_loss_pct: float = 2.0
    """Over this reported loss the line is not known clear: the estimate is followed..."""
    background_window_s: float = 20.0
    background_after_s: float = 10.0
    """...unless that loss is the line's own: steady for this long, with no queue
    building, it is its background, and only loss over ``background_factor`` times it
    is a change (a line overflowing)."""
    background_factor: float = 2.0
    background_max_pct: float = 5.0
    """Loss over twice this (10 %, where libwebrtc's loss-based control acts) is a
    full line whatever came before."""
    clear_margin: float = 1.2
    """On a clear line the estimate counts as at least this times the full step's need."""


class LineTrend:
    """Whether the line is congested by our own, sender-side measure (see the module doc)."""

    def __init__(self, config: AdaptationConfig) -> None:
        self.config = config
        self._rtts: deque[tuple[float, float]] = deque()
        self._losses: deque[tuple[float, float, bool]] = deque()
        """(when, loss reported, queue building then) over ``background_window_s``."""
        self.congested = True
        """Until the first round trip is known, the other end's estimate is followed."""

    def update(self, now: float, stats: CallStats | None) -> bool:
        cfg = self.config
        if stats is None or stats.rtt_ms is None or stats.loss_out_pct is None:
            return self.congested
        self._rtts.append((now, stats.rtt_ms))
        while self._rtts[0][0] < now - cfg.rtt_window_s:
            self._rtts.popleft()
        lowest = min(rtt for _, rtt in self._rtts)
        queue_building = stats.rtt_ms - lowest > cfg.queue_ms
        self._losses.append((now, stats.loss_out_pct, queue_building))
        while self._losses[0][0] < now - cfg.background_window_s:
            self._losses.popleft()
        background = self.background_loss_pct(now)
        if background is None:
            self.congested = queue_building or stats.loss_out_pct > cfg.clear_loss_pct
        else:
            # A line's own random loss (a radio link, a noisy copper pair) is
            # repaired, not a full line; one noisy report is not a change.
            recent = statistics.median(loss for _, loss, _ in list(self._losses)[-3:])
            limit = max(cfg.clear_loss_pct, cfg.background_factor * background)
            self.congested = queue_building or recent > limit
        return self.congested

    def background_loss_pct(self, now: float) -> float | None:
        """The line's steady random loss: the median loss reported over
        ``background_window_s`` with no queue building in it (at most
        ``background_max_pct``); None until ``background_after_s`` of such
        reports."""
        cfg = self.config
        if not self._losses or now - self._losses[0][0] < cfg.background_after_s:
            return None
        if any(queue for _, _, queue in self._losses):
            return None
        return min(statistics.median(loss for _, loss, _ in self._losses), cfg.background_max_pct)


class VideoAdapter:
    def __init__(self, camera_fps: float, config: AdaptationConfig | None = None) -> None:
        self.config = config or AdaptationConfig()
        self.camera_fps = camera_fps
        self.index = 0
        self.lowest_for_overshoot = 2
        """Overshooting steps down to half size at most."""
        self._last_down = -1e9
        self._lossy_samples = 0
        self._slow_samples = 0
        self._good_since: float | None = None
        self.line = LineTrend(self.config)

    @property
    def level(self) -> VideoLevel:
        return LEVELS[self.index]

    def fps_of(self, level: VideoLevel) -> float:
        return min(level.fps or self.camera_fps, self.camera_fps)

    def update(
        self, now: float, stats: CallStats | None, cap_kbps: float, encode_s: float
    ) -> VideoLevel:
        cfg = self.config
        self.line.update(now, stats)
        available = cap_kbps
        sent = stats.video_kbps_out if stats is not None else 0.0
        estimate = stats.receiver_estimate_kbps if stats is not None else None
        # aiortc's estimate never goes above 1.5 times what it receives: under
        # what we send it says the line is short; over it, it only echoes our
        # own rate (after a step down it would keep video down for good).
        if estimate and estimate < sent:
            available = min(available, estimate)
        # The highest step the bitrate allows; never above the current one here.
        fits = next(i for i, lv in enumerate(LEVELS) if lv.min_kbps <= available or lv.paused)
        if fits > self.index:
            self._down(fits, now)
            return self.level
        lossy = stats is not None and (stats.loss_out_pct or 0.0) > cfg.loss_pct
        self._lossy_samples = self._lossy_samples + 1 if lossy else 0
        congested = self._lossy_samples >= cfg.loss_samples or (
            stats is not None and (stats.rtt_ms or 0.0) > cfg.rtt_ms
        )
        level = self.level
        slow_now = not level.paused and encode_s > cfg.encode_share / self.fps_of(level)
        self._slow_samples = self._slow_samples + 1 if slow_now else 0
        slow = self._slow_samples >= cfg.slow_samples
        # Against the configured ceiling, not the step's own nor the estimate (the
        # encoder follows those itself); content alone never pauses video.
        overshoot = self.index < self.lowest_for_overshoot and sent > cfg.overshoot * cap_kbps
        if congested or slow or overshoot:
            if now - self._last_down >= cfg.down_every_s and self.index < len(LEVELS) - 1:
                self._down(self.index + 1, now)
            self._good_since = None
            return self.level
        if self.index == 0:
            return level
        if self._good_since is None:
            self._good_since = now
        up = LEVELS[self.index - 1]
        encoder_fits = encode_s < 0.7 * cfg.encode_share / self.fps_of(up)
        # What the step up would send, scaling today's output by pixels per second.
        growth = (up.scale / level.scale) ** 2 * self.fps_of(up) / self.fps_of(level)
        bitrate_fits = sent * growth <= cap_kbps * cfg.overshoot
        if (
            now - self._good_since >= cfg.recover_s
            and available >= up.min_kbps * 1.2
            and encoder_fits
            and bitrate_fits
        ):
            self.index -= 1
            self._good_since = now
        return self.level

    def clear_line_bps(self, ceiling_bps: int) -> int | None:
        """The least the other end's estimate counts as (SendPolicy.clear_line_bps)."""
        if self.line.congested:
            return None
        return min(ceiling_bps, int(1000 * LEVELS[0].min_kbps * self.config.clear_margin))

    def restore(self, index: int) -> None:
        """Back to an earlier step (a temporary limit was lifted); never lower than now."""
        self.index = min(self.index, max(0, index))
        self._good_since = None

    def _down(self, index: int, now: float) -> None:
        self.index = index
        self._last_down = now
        self._good_since = None


class DocumentYield:
    """What video had before a document transfer, given back when it ends.

    During the transfer the video steps down (its ceiling lowered, the line
    full); after it, climbing back one step every ``recover_s`` behind the
    other end's estimate, which the document depressed and which recovers
    by a few percent a second, would take tens of seconds with the line
    free.  The step comes back at once and the estimate is lifted to its
    level before (:meth:`SendPolicy.lift_estimate`).
    """

    def __init__(self) -> None:
        self._before: tuple[int, int | None] | None = None

    def update(self, busy: bool, adapter: VideoAdapter, policy: SendPolicy) -> bool:
        """True when the transfers ended and the step was given back."""
        if busy and self._before is None:
            self._before = (adapter.index, policy.receiver_estimate_bps)
        elif not busy and self._before is not None:
            step, estimate = self._before
            self._before = None
            adapter.restore(step)
            policy.lift_estimate(estimate or policy.max_video_bps)
            return True
        return False
