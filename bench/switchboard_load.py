"""Load benchmark of the switchboard: thousands of kiosks and hundreds of agents.

    python bench/switchboard_load.py [--duration 60] [--kiosks 2000] [--agents 300]

Starts a real switchboard process on 127.0.0.1 with a fresh SQLite file in a
temporary directory, provisions the accounts, and runs the clients in several
load processes (bench/_load_worker.py) over real WebSockets.  Every kiosk
queues for a service, is served (the auto-answer agent accepts the offer, both
report media_connected, the agent hangs up after ``--talk-s``, finishes its
wrap-up after ``--wrap-s`` and is available again) and queues again after
``--pause-s``, until ``--duration`` is over.  Then agents pause, the calls in
progress end, and every call a kiosk queued is checked in the server's history.

Prints ONE JSON object on stdout (progress goes to stderr).  Figures cover the
measurement window: from the end of the warm-up (``--warmup``, by default 15%
of the run, at most 60 s) to the end of the run.

- ``routing_ms_*`` (client-observed): for each offer, from the later of "the
  kiosk sent queue_call" and "the agent asked to be available (set_presence
  or finish_wrap_up sent)" to the ``offered`` message read by the agent's load
  process.  Includes both network hops and the generator's own delays.
- ``server_routing_ms_*`` (from GET /api/v1/metrics): inside the switchboard,
  from the moment it knows both the waiting call and the free agent to the
  offer written to the agent's socket.  Excludes the time messages wait in
  socket buffers before the server reads them.
- ``generator_loop_lag_ms_p99``: how late the load processes' own event loops
  ran: the part of the client-observed figure that is the generator's.
- ``calls_per_s``: calls whose conversation ended (hang-up) within the window,
  per second, counted in the server's SQLite history.
- ``lost_calls``: calls a kiosk queued that were neither served (done) nor
  still waiting at the end, per the server's SQLite history (read directly,
  read-only: GET /api/v1/calls would be hundreds of MB after a long run), plus
  calls the server made that no kiosk heard of and queue requests never
  answered.
- ``server_cpu_pct``: the server's CPU over the window, percent of one core.
- ``server_cpu_s_per_1000_calls``: the server's CPU-seconds per 1,000 calls
  served in the window: what the switchboard's code costs, less sensitive to
  other work on the machine than the latency figures.
- ``server_messages_in_per_call`` / ``_out_per_call``: WebSocket messages the
  server received and sent in the window, per call served.
- ``server_rss_mb_start`` / ``_end`` / ``_peak``: resident memory at the end
  of the warm-up, at the end, and the highest sampled (every second).
- ``other_processes_cpu_pct_*``: CPU used meanwhile by everything else on the
  machine (percent of one core): a run next to other work is disturbed.

The load generator shares the machine with the server: ``generator_cpu_pct``
and ``generator_loop_lag_ms_p99`` say how much.  Talk, wrap-up and pause times
vary ±50% around their means so agents do not move in lockstep.  Accounts are
provisioned straight into the SQLite file; agents' access tokens are signed
with the switchboard's key from that file rather than obtained by 300 scrypt
logins (the supervisor, who reads the metrics, does log in).
"""

from __future__ import annotations

import argparse
import asyncio
import bisect
import json
import math
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _server import (
    Server,
    call_states,
    get_json,
    login,
    provision,
    served_between,
    start_server,
)

WORKER = Path(__file__).resolve().parent / "_load_worker.py"


def log(text: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {text}", file=sys.stderr, flush=True)


def percentile(sorted_values: list[float], q: float) -> float | None:
    if not sorted_values:
        return None
    index = min(len(sorted_values) - 1, max(0, math.ceil(q / 100 * len(sorted_values)) - 1))
    return sorted_values[index]


QUIET_OTHERS_PCT = 20.0


def quiet_second(at: float, seconds: list[tuple[float, float, float]]) -> bool:
    """Whether ``at`` fell in a second when other processes left the machine alone."""
    index = bisect.bisect_right(seconds, at, key=lambda s: s[0]) - 1
    return index >= 0 and at <= seconds[index][1] and seconds[index][2] < QUIET_OTHERS_PCT


def r3(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


class Worker:
    """One load process, driven over its stdin/stdout."""

    def __init__(self, proc: asyncio.subprocess.Process, name: str) -> None:
        self.proc = proc
        self.name = name
        self.ps = psutil.Process(proc.pid)

    @classmethod
    async def start(cls, name: str, spec: dict[str, Any]) -> Worker:
        proc = await asyncio.create_subprocess_exec(
            sys.executable,
            str(WORKER),
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            limit=2**28,
        )
        worker = cls(proc, name)
        worker.send({"spec": spec})
        return worker

    def send(self, obj: dict[str, Any]) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write((json.dumps(obj) + "\n").encode())

    async def expect(self, event: str, within: float) -> dict[str, Any]:
        assert self.proc.stdout is not None
        while True:
            line = await asyncio.wait_for(self.proc.stdout.readline(), within)
            if not line:
                raise RuntimeError(f"load process {self.name} exited ({self.proc.returncode})")
            message: dict[str, Any] = json.loads(line)
            if message.get("event") == event:
                return message

    def cpu_s(self) -> float:
        times = self.ps.cpu_times()
        return float(times.user + times.system)

    async def finish(self) -> None:
        self.send({"close": True})
        try:
            await self.expect("closed", 60.0)
            await asyncio.wait_for(self.proc.wait(), 30.0)
        except (TimeoutError, RuntimeError):
            if self.proc.returncode is None:
                self.proc.kill()
                await self.proc.wait()


def split(items: list[Any], parts: int) -> list[list[Any]]:
    return [items[i::parts] for i in range(parts)] if parts else []


def histogram_delta(
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
) -> dict[str, float | int | None]:
    """Percentiles of the events recorded between two readings of one of the
    server's cumulative histograms ({"buckets": [[upper_ms, count], ...]})."""
    if after is None:
        return {}
    old = {b: c for b, c in (before or {}).get("buckets", [])}
    diff = sorted((b, c - old.get(b, 0)) for b, c in after["buckets"])
    diff = [(b, c) for b, c in diff if c > 0]
    total = sum(c for _, c in diff)

    def at(q: float) -> float | None:
        if total == 0:
            return None
        target, seen = q / 100 * total, 0
        for bound, count in diff:
            seen += count
            if seen >= target:
                return float(bound)
        return float(diff[-1][0])

    return {
        "count": total,
        "p50": r3(at(50)),
        "p90": r3(at(90)),
        "p99": r3(at(99)),
        "max": r3(diff[-1][0]) if diff else None,
    }


async def read_metrics(server: Server, token: str) -> dict[str, Any] | None:
    try:
        body: dict[str, Any] = await get_json(server.http, "/api/v1/metrics", token)
        return body
    except RuntimeError as exc:
        log(f"no server metrics: {exc}")
        return None


async def run(args: argparse.Namespace, tmp: Path) -> dict[str, Any]:
    duration = float(args.duration)
    warmup = args.warmup if args.warmup is not None else min(60.0, 0.15 * duration)
    db = tmp / "switchboard.db"
    log(f"provisioning {args.kiosks} kiosks and {args.agents} agents in {db}")
    accounts = provision(db, args.kiosks, args.agents, token_ttl_s=duration + 3600.0)
    prefix = None
    if args.profile:
        spy = Path(sys.executable).with_name("py-spy")
        kind = "raw" if args.profile.endswith(".txt") else "flamegraph"
        prefix = [str(spy), "record", "-o", args.profile, "-r", "200", "-f", kind, "--"]
    # cProfile writes its file when the server ends on the benchmark's SIGTERM.
    python_args = ["-m", "cProfile", "-o", args.cprofile] if args.cprofile else None
    server = await start_server(
        db, tmp / "switchboard.log", *args.server_arg, prefix=prefix, python_args=python_args
    )
    log(f"switchboard pid {server.ps.pid} at {server.url}")
    workers: list[Worker] = []
    try:
        supervisor = await login(server.http, "sup.caf")
        processes = max(2, args.load_processes)
        agent_procs = max(1, processes // 4) if accounts.agents else 0
        kiosk_procs = processes - agent_procs
        common = {
            "url": server.url,
            "talk_s": args.talk_s,
            "wrap_s": args.wrap_s,
            "pause_s": args.pause_s,
            "stagger_s": args.stagger_s,
            "services": accounts.services,
            "weights": accounts.weights,
        }
        shares = [("agents", part, []) for part in split(accounts.agents, agent_procs)] + [
            ("kiosks", [], part) for part in split(accounts.kiosks, kiosk_procs)
        ]
        for i, (kind, agents, kiosks) in enumerate(shares):
            spec = {**common, "agents": agents, "kiosks": kiosks, "seed": args.seed * 100 + i}
            workers.append(await Worker.start(f"{kind}-{i}", spec))
        log(f"{len(workers)} load processes connecting")
        await asyncio.gather(*(w.expect("ready", 300.0) for w in workers))
        log("all clients connected")

        t0 = time.monotonic() + 0.5
        end = t0 + duration
        for w in workers:
            w.send({"go": t0, "end": end})
        wall0 = time.time() + (t0 - time.monotonic())
        rss_series: list[tuple[float, float]] = []
        peak = server.rss_mb()
        # Warm-up, then the measurement window, sampling memory every second.
        await asyncio.sleep(max(0.0, t0 + warmup - time.monotonic()))
        win_start, wall_start = time.monotonic(), time.time()
        cpu_start, rss_start = server.cpu_s(), server.rss_mb()
        gen_cpu_start = sum(w.cpu_s() for w in workers)
        psutil.cpu_percent()
        metrics_start = await read_metrics(server, supervisor)
        log(f"warm-up over ({warmup:.1f} s); measuring {end - win_start:.1f} s")
        next_note = win_start + 10.0
        # CPU taken by processes other than the server and the generator, each
        # second: shows when other work on the machine disturbed a run.
        others: list[float] = []
        other_at: list[tuple[float, float, float]] = []
        """(from, to, CPU of other processes) for each second of the window."""
        machine: list[float] = []
        ours_before, tick = cpu_start + gen_cpu_start, time.monotonic()
        while (now := time.monotonic()) < end:
            await asyncio.sleep(min(1.0, end - now))
            rss = server.rss_mb()
            peak = max(peak, rss)
            rss_series.append((round(time.monotonic() - t0, 1), round(rss, 1)))
            ours = server.cpu_s() + sum(w.cpu_s() for w in workers)
            busy = psutil.cpu_percent() * psutil.cpu_count()
            machine.append(busy)
            elapsed, tick = time.monotonic() - tick, time.monotonic()
            others.append(max(0.0, busy - (ours - ours_before) / max(elapsed, 1e-3) * 100))
            other_at.append((tick - elapsed, tick, others[-1]))
            ours_before = ours
            if time.monotonic() >= next_note:
                next_note += 10.0
                log(f"t={time.monotonic() - t0:.0f}s server rss {rss:.1f} MB")
        win_end, wall_end = time.monotonic(), time.time()
        cpu_end, rss_end = server.cpu_s(), server.rss_mb()
        gen_cpu_end = sum(w.cpu_s() for w in workers)
        metrics_end = await read_metrics(server, supervisor)
        window = win_end - win_start
        log("run over: agents pause, calls in progress end")
        drain_s = args.talk_s + args.wrap_s + 30.0
        try:
            await asyncio.gather(*(w.expect("drained", drain_s) for w in workers))
        except TimeoutError:
            log("some calls did not end in time (counted as lost unless still waiting)")
        await asyncio.sleep(0.5)
        for w in workers:
            w.send({"report": True})
        reports = await asyncio.gather(*(w.expect("report", 120.0) for w in workers))
        states = call_states(db, wall0 - 5.0)
        served = served_between(db, wall_start, wall_end)
        health = await get_json(server.http, "/healthz")
    finally:
        await asyncio.gather(*(w.finish() for w in workers), return_exceptions=True)
        await server.stop()

    queued: dict[str, float] = {}
    for report in reports:
        for call_id, sent, _service in report["queued"]:
            queued[call_id] = sent
    routing: list[float] = []
    routing_quiet: list[float] = []
    samples: list[tuple[float, float, str, str]] = []
    for report in reports:
        for call_id, free_since, offered_at, login_ in report["offers"]:
            q = queued.get(call_id)
            if q is None:
                continue
            start = max(q, free_since)
            if start >= win_start and offered_at <= win_end:
                routing.append((offered_at - start) * 1000)
                if quiet_second(offered_at, other_at):
                    routing_quiet.append((offered_at - start) * 1000)
                cause = "call" if q > free_since else "agent"
                samples.append((start - t0, (offered_at - start) * 1000, cause, login_))
    routing.sort()
    routing_quiet.sort()
    quiet_seconds = sum(1 for _, _, cpu in other_at if cpu < QUIET_OTHERS_PCT)
    if args.samples:
        with open(args.samples, "w", encoding="utf-8") as out:  # noqa: ASYNC230 - after the run
            out.writelines(
                f"{s:.4f} {ms:.3f} {cause} {who}\n" for s, ms, cause, who in sorted(samples)
            )
    outcome = {"done": 0, "waiting": 0, "in_progress": 0, "abandoned": 0, "missing": 0}
    for call_id in queued:
        state = states.get(call_id, (None, None))[0]
        if state == "done":
            outcome["done"] += 1
        elif state in ("queued", "offered"):
            outcome["waiting"] += 1
        elif state in ("connecting", "connected", "wrap_up"):
            outcome["in_progress"] += 1
        elif state == "abandoned":
            outcome["abandoned"] += 1
        else:
            outcome["missing"] += 1
    unknown = sum(1 for c in states if c not in queued)
    errors: dict[str, int] = {}
    for report in reports:
        for code, count in report["errors"].items():
            errors[code] = errors.get(code, 0) + count
    lag = sorted(x for report in reports for x in report["loop_lag_ms"])
    server_routing = histogram_delta(
        (metrics_start or {}).get("routing"), (metrics_end or {}).get("routing")
    )
    server_lag = histogram_delta(
        (metrics_start or {}).get("loop_lag"), (metrics_end or {}).get("loop_lag")
    )
    server_gc = histogram_delta(
        (metrics_start or {}).get("gc_pauses"), (metrics_end or {}).get("gc_pauses")
    )
    # Calls queued whose request was never answered (no call id came back): a
    # call the server made but never confirmed shows up in ``unknown``.
    unanswered = sum(r["unanswered"] for r in reports)
    lost = outcome["abandoned"] + outcome["missing"] + unknown + unanswered

    def per_call(field: str) -> float | None:
        if not (metrics_start and metrics_end and served):
            return None
        return round((metrics_end[field] - metrics_start[field]) / served, 1)

    return {
        "kiosks": args.kiosks,
        "agents": args.agents,
        "duration_s": duration,
        "warmup_s": round(warmup, 1),
        "window_s": round(window, 2),
        "load_processes": len(workers),
        "talk_s": args.talk_s,
        "wrap_s": args.wrap_s,
        "pause_s": args.pause_s,
        "calls_per_s": round(served / window, 1) if window > 0 else None,
        "calls_served_in_window": served,
        "routing_ms_p50": r3(percentile(routing, 50)),
        "routing_ms_p90": r3(percentile(routing, 90)),
        "routing_ms_p99": r3(percentile(routing, 99)),
        "routing_ms_max": r3(routing[-1] if routing else None),
        "routing_samples": len(routing),
        "routing_ms_p99_quiet": r3(percentile(routing_quiet, 99)),
        "routing_quiet_note": f"client-observed p99 over the {quiet_seconds} of"
        f" {len(other_at)} seconds when other processes used under {QUIET_OTHERS_PCT}%"
        f" of a core ({len(routing_quiet)} samples)",
        "routing_note": "client-observed: later of queue_call sent / agent free request sent"
        " -> offered read by the agent's load process",
        "server_routing_ms_p50": server_routing.get("p50"),
        "server_routing_ms_p90": server_routing.get("p90"),
        "server_routing_ms_p99": server_routing.get("p99"),
        "server_routing_ms_max": server_routing.get("max"),
        "server_routing_samples": server_routing.get("count"),
        "server_routing_note": "inside the switchboard: call waiting and agent free both known"
        " -> offer written to the agent's socket (GET /api/v1/metrics, histogram buckets ~5%)",
        "server_loop_lag_ms_p99": server_lag.get("p99"),
        "server_loop_lag_ms_max": server_lag.get("max"),
        "server_gc_pauses": server_gc.get("count"),
        "server_gc_pause_ms_p99": server_gc.get("p99"),
        "server_gc_pause_ms_max": server_gc.get("max"),
        "generator_loop_lag_ms_p50": r3(percentile(lag, 50)),
        "generator_loop_lag_ms_p99": r3(percentile(lag, 99)),
        "lost_calls": lost,
        "calls_queued": len(queued),
        "calls_done": outcome["done"],
        "calls_still_waiting": outcome["waiting"],
        "calls_in_progress_at_end": outcome["in_progress"],
        "calls_abandoned": outcome["abandoned"],
        "calls_missing_from_history": outcome["missing"],
        "calls_unknown_to_kiosks": unknown,
        "queue_requests_unanswered": unanswered,
        "client_errors": errors,
        "client_error_samples": [s for r in reports for s in r["error_samples"]][:10],
        "connections_closed_early": sum(r["closed_early"] for r in reports),
        "server_cpu_pct": round((cpu_end - cpu_start) / window * 100, 1),
        "server_cpu_s_per_1000_calls": round((cpu_end - cpu_start) / served * 1000, 2)
        if served
        else None,
        "server_messages_in_per_call": per_call("messages_in"),
        "server_messages_out_per_call": per_call("messages_out"),
        "generator_cpu_pct": round((gen_cpu_end - gen_cpu_start) / window * 100, 1),
        "machine_cpu_pct": round(sum(machine) / len(machine), 1) if machine else None,
        "machine_cores": psutil.cpu_count(),
        "other_processes_cpu_pct_mean": round(sum(others) / len(others), 1) if others else None,
        "other_processes_cpu_pct_max_1s": round(max(others), 1) if others else None,
        "server_rss_mb_start": round(rss_start, 1),
        "server_rss_mb_end": round(rss_end, 1),
        "server_rss_mb_peak": round(peak, 1),
        "server_rss_mb_series": rss_series[:: max(1, len(rss_series) // 30)],
        "server_health_at_end": health,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=60.0, metavar="SECONDS")
    parser.add_argument("--kiosks", type=int, default=2000)
    parser.add_argument("--agents", type=int, default=300)
    parser.add_argument(
        "--load-processes",
        type=int,
        default=4,
        metavar="N",
        help="client processes (a quarter of them run the agents)",
    )
    parser.add_argument("--warmup", type=float, default=None, metavar="SECONDS")
    parser.add_argument(
        "--talk-s", type=float, default=1.0, help="media connected -> hang-up (mean; ±50%%)"
    )
    parser.add_argument(
        "--wrap-s", type=float, default=0.2, help="hang-up -> finish_wrap_up (mean; ±50%%)"
    )
    parser.add_argument(
        "--pause-s", type=float, default=0.5, help="kiosk: end -> next queue_call (mean; ±50%%)"
    )
    parser.add_argument("--stagger-s", type=float, default=2.0, help="spread of first calls")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--server-arg",
        action="append",
        default=[],
        help="extra option for `switchboard serve` (repeatable)",
    )
    parser.add_argument(
        "--profile",
        metavar="OUT.svg",
        help="run the server under py-spy (.txt: collapsed stacks, else SVG)",
    )
    parser.add_argument(
        "--cprofile",
        metavar="OUT.prof",
        help="run the server under cProfile (slower: for where, not how much; pstats reads it)",
    )
    parser.add_argument(
        "--samples", metavar="PATH", help="write every routing sample (start s, ms, cause, agent)"
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = parser.parse_args(argv)
    if args.duration <= 0 or args.kiosks < 0 or args.agents < 0:
        parser.error("--duration must be positive, --kiosks and --agents not negative")
    random.seed(args.seed)
    with tempfile.TemporaryDirectory(prefix="agentdesk-bench-") as tmp:
        if args.keep:
            kept = Path(tempfile.mkdtemp(prefix="agentdesk-bench-kept-"))
            log(f"keeping the database and log in {kept}")
            result = asyncio.run(run(args, kept))
        else:
            result = asyncio.run(run(args, Path(tmp)))
    sys.stdout.write(json.dumps(result) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
