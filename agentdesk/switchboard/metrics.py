"""Figures about the switchboard itself, for monitoring: how fast it routes
calls and how late its event loop runs.  ``GET /api/v1/metrics`` (supervisors).

Histograms are cumulative since start, in buckets growing by 5%, so that
memory stays flat however long the switchboard runs, and a monitoring tool
(or bench/switchboard_load.py) gets the figures of any period by subtracting
two readings.
"""

from __future__ import annotations

import asyncio
import math
import time
from collections.abc import Callable

import msgspec
from aiohttp import web

from agentdesk import __version__
from agentdesk.protocol.http import LatencyHistogram, MetricsResponse

from .background import Background

_FIRST_S = 1e-6
_GROWTH = 1.05
_BUCKETS = 450
"""From 1 µs to about 3.4 hours; longer goes to the last bucket."""
_LOG_GROWTH = math.log(_GROWTH)
_encoder = msgspec.json.Encoder()


class Histogram:
    def __init__(self) -> None:
        self.counts = [0] * _BUCKETS
        self.total = 0
        self.sum_s = 0.0
        self.max_s = 0.0

    def add(self, seconds: float) -> None:
        if seconds <= _FIRST_S:
            index = 0
        else:
            index = min(_BUCKETS - 1, math.ceil(math.log(seconds / _FIRST_S) / _LOG_GROWTH))
        self.counts[index] += 1
        self.total += 1
        self.sum_s += seconds
        if seconds > self.max_s:
            self.max_s = seconds

    @staticmethod
    def upper_ms(index: int) -> float:
        return _FIRST_S * _GROWTH**index * 1000.0

    def quantile_ms(self, q: float) -> float | None:
        """Upper bound of the bucket holding the q-quantile (5% resolution)."""
        if self.total == 0:
            return None
        target, seen = q * self.total, 0
        for index, count in enumerate(self.counts):
            seen += count
            if count and seen >= target:
                return round(self.upper_ms(index), 4)
        return round(self.max_s * 1000.0, 4)

    def report(self) -> LatencyHistogram:
        return LatencyHistogram(
            count=self.total,
            sum_ms=round(self.sum_s * 1000.0, 3),
            max_ms=round(self.max_s * 1000.0, 4),
            p50_ms=self.quantile_ms(0.5),
            p99_ms=self.quantile_ms(0.99),
            buckets=[(round(self.upper_ms(i), 4), c) for i, c in enumerate(self.counts) if c],
        )


class Metrics:
    """Owned by the switchboard; the engine and the connections feed it."""

    LAG_PERIOD_S = 0.05

    def __init__(self) -> None:
        self.started = time.monotonic()
        self.routing = Histogram()
        """Seconds from "a call waits and a free auto-answer agent serves its
        service" to the offer written to the agent's socket."""
        self.loop_lag = Histogram()
        """How late a periodic timer runs: time the loop was busy elsewhere."""
        self.gc_pauses = Histogram()
        """Garbage collections (see heap.py)."""
        self.messages_in = 0
        self.messages_out = 0
        self._lag_task = Background()

    def start(self) -> None:
        self._lag_task.start(self._watch_loop())

    async def stop(self) -> None:
        await self._lag_task.stop()

    async def _watch_loop(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            before = loop.time()
            await asyncio.sleep(self.LAG_PERIOD_S)
            self.loop_lag.add(max(0.0, loop.time() - before - self.LAG_PERIOD_S))

    def report(self) -> MetricsResponse:
        return MetricsResponse(
            version=__version__,
            uptime_s=round(time.monotonic() - self.started, 3),
            messages_in=self.messages_in,
            messages_out=self.messages_out,
            offers=self.routing.total,
            routing=self.routing.report(),
            loop_lag=self.loop_lag.report(),
            gc_pauses=self.gc_pauses.report(),
        )


def metrics_route(metrics: Metrics, supervisor: Callable[[web.Request], object]) -> web.RouteDef:
    """``GET /api/v1/metrics``: any supervisor (they are switchboard-wide
    figures with no personal data: counts and latencies)."""

    async def handler(request: web.Request) -> web.Response:
        supervisor(request)
        body = _encoder.encode(metrics.report())
        return web.Response(body=body, content_type="application/json")

    return web.get("/api/v1/metrics", handler)
