"""A call on a shaped line, AgentDesk beside Chromium, in one run.

    ./run bench network [--quick] [--step-seconds S] [--profiles 2M,2M_delay40,...]

Needs root (network namespaces), iproute2, nftables, FFmpeg and Debian's
chromium (``./run bench`` installs them) and prints one JSON object on
stdout; progress goes to stderr, the children's logs to a temporary folder
(kept in BENCH_NETWORK_KEEP when set).

The line (tests/support/netline.py): two network namespaces, site A with
the switchboard and the agent, site B with the kiosk, each joined by a veth
pair to a third namespace in the middle, where a user-space relay
(tests/support/linerelay.py: this kernel has no netem) bridges the frames
and holds each for ``delay ± jitter`` (uniform per packet, each direction's
order kept).  Rate each way by ``tbf`` on each site's egress (100 ms of
queue), random loss of UDP on arrival by nftables, a cut by nftables
dropping everything.  ``line.applied`` and ``line.not_applied`` say which
impairments the line has and has not; ``profiles`` what each step applied.

AgentDesk: the real switchboard process, the agent's side as the desktop
app runs it without Qt (bench/_call_agent.py: Station + SwitchboardClient)
and ``agentdesk kiosk``, product defaults (600 kbit/s video ceiling, Opus
40 kbit/s), 640x480 testsrc2 both ways and the engine's synthetic voice
both ways (no camera, no sound card here); the kiosk is
bench/_call_kiosk.py, ``agentdesk kiosk`` with a marker tone in its voice
and a marker detector on the voice it receives.  Chromium: two headless
Chromium endpoints (bench/_chromium.py), one per site, the same testsrc2
picture and voice, a data channel for the document.

Mouth-to-ear delay (tests/support/marker.py): every end's voice carries a
100 ms 2400 Hz marker tone from each whole second of wall-clock time; the
other end finds its onset in the audio it decodes (Goertzel filter, 5 ms
blocks) and dates it when a speaker would play it (AgentDesk: as the
engine's Speaker would, each decoded frame queued behind the ones not yet
played, at most 200 ms of them, the quiet frames the engine skips to catch
up left out; Chromium: when WebAudio renders the
received track, after its jitter buffer).  No sound device's own latency is
counted on either side.  Both ends run on this machine, so one clock dates
mouth and ear.

Steps, one call each, in this order (``--step-seconds`` each, measured after
``SETTLE_S``): ``2M`` (2 Mbit/s each way), ``1M_512k`` (1 Mbit/s to the
kiosk, 512 kbit/s from it), ``2M_loss1`` and ``2M_loss3`` (2 Mbit/s, 1 % and
3 % random loss each way), ``2M_delay40`` (ADSL-like: 2 Mbit/s, 40 ms one
way ± 10 ms of jitter), ``1M_512k_delay40`` (the same delay on the slow
line), ``2M_loss3_delay40`` (3 % random loss and that jitter together: a
poor radio link), ``document`` (2 Mbit/s, a 3 MiB document from the kiosk to the
agent), ``cut`` (10 s of total cut, then the line back at 2 Mbit/s).  The
steps without delay still cross the relay, holding nothing (it adds well
under a millisecond).  ``--quick``: shorter steps.  ``--profiles``: only
the steps named (comma-separated, in the order above; ``document`` and
``cut`` included), e.g. ``--profiles 2M,2M_delay40``.

Keys of ``steps.<step>``: each figure is ``{"agentdesk": x, "chromium": y}``.
``kiosk_*`` is what the kiosk receives (the agent's voice and picture),
``agent_*`` what the agent receives; ``*_kbps_out_*`` is what that end sends.

* ``*_voice_concealed_pct``: share of the voice played that was concealed
  (AgentDesk: frames filled by packet-loss concealment over frames played;
  Chromium: ``concealedSamples / totalSamplesReceived``).
* ``*_voice_lost_pct``: voice packets lost on the way (AgentDesk: frames
  recovered + concealed + missing over all; Chromium: ``packetsLost``).
* ``*_voice_recovered_pct`` (AgentDesk only): frames rebuilt from Opus FEC.
* ``*_voice_missing_pct`` (AgentDesk only): frames lost in holes too long
  to conceal, played as silence.
* ``*_voice_caught_up_pct`` (AgentDesk only): frames played that were then
  skipped, quiet, to bring the speaker's queue back to its target after a
  burst (agentdesk/engine/playout.py).
* ``*_video_fps_in``, ``*_video_size_in``: frame rate received (mean) and
  the last received picture size.
* ``*_video_kbps_out_max_5s``: the highest outgoing video bitrate over any
  5 s window of the step (AgentDesk's cap: ``agentdesk_video_cap_kbps``).
* ``document_s`` (step document): seconds to send 3 MiB and have it
  acknowledged; ``*_voice_concealed_pct`` there is during the transfer and
  ``agent_video_fps_after`` the agent's received rate in the 5 s after it.
* ``*_audio_back_s``, ``*_video_back_s`` (step cut): seconds from the line's
  return to the first audio / video frame at that end (null: not back
  within the step).
* ``*_mouth_to_ear_p50_ms``, ``*_mouth_to_ear_p95_ms``: the delay of the
  other end's voice, from its marker's start to that end's ear (median and
  95th percentile, nearest rank); ``*_markers_heard``: how many markers it
  found in the step (about one a second: fewer means markers lost or
  garbled).  ``*_mouth_to_decoded_p50_ms`` (AgentDesk only): the same
  without the time spent in the speaker's queue, that is up to the
  decoder's output, its jitter buffer included (Chromium has no such queue:
  its jitter buffer, NetEq, is read by the audio device itself, at its
  pace).  In the document step: while
  the document crosses.  Resolution
  5 ms (Chromium: a few ms more, see bench/_chromium.py); a delay over 1 s
  would be read modulo 1 s.
``load_before``/``load_after``: os.getloadavg() (the machine is shared).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import itertools
import json
import os
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import call as callbench  # noqa: E402 - bench/call.py: the processes and their JSON lines

from tests.support import marker, netline  # noqa: E402

SETTLE_S = 3.0
CUT_S = 10.0
DOCUMENT_BYTES = 3 * 1024 * 1024
VIDEO_CAP_KBPS = 600
"""The product's default video ceiling (SessionConfig.max_video_kbps)."""

# name: (kbit/s to the kiosk, kbit/s from the kiosk, loss %, one-way delay ms, jitter ± ms)
PROFILES: dict[str, tuple[int, int, float, float, float]] = {
    "2M": (2000, 2000, 0.0, 0.0, 0.0),
    "1M_512k": (1000, 512, 0.0, 0.0, 0.0),
    "2M_loss1": (2000, 2000, 1.0, 0.0, 0.0),
    "2M_loss3": (2000, 2000, 3.0, 0.0, 0.0),
    "2M_delay40": (2000, 2000, 0.0, 40.0, 10.0),
    "1M_512k_delay40": (1000, 512, 0.0, 40.0, 10.0),
    "2M_loss3_delay40": (2000, 2000, 3.0, 40.0, 10.0),
}
STEPS: tuple[str, ...] = (*PROFILES, "document", "cut")


def log(message: str) -> None:
    print(f"[bench/network] {message}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- windows


def _max_5s(points: list[tuple[float, float]]) -> float | None:
    """The highest mean of (time, kbit/s) samples over any 5 s window."""
    best = None
    for i, (start, _) in enumerate(points):
        inside = [kbps for at, kbps in points[i:] if at < start + 5.0]
        if start + 5.0 <= points[-1][0] + 1e-6 and inside:
            mean = sum(inside) / len(inside)
            best = mean if best is None else max(best, mean)
    return round(best, 1) if best is not None else None


def agentdesk_window(samples: list[dict[str, Any]], t0: float, t1: float) -> dict[str, Any]:
    """Figures of one AgentDesk end (its "quality" samples) between t0 and t1."""
    inside = [s for s in samples if t0 <= s["at"] <= t1]
    if len(inside) < 2:
        return {}
    totals = dict.fromkeys(("decoded", "recovered", "concealed", "missing", "caught_up"), 0)
    for before, after in itertools.pairwise(inside):
        if before.get("generation", 0) != after.get("generation", 0):
            continue  # a new connection starts its counters again
        for key in totals:
            totals[key] += max(0, after.get(f"voice_{key}", 0) - before.get(f"voice_{key}", 0))
    played = totals["decoded"] + totals["recovered"] + totals["concealed"]
    lost = totals["recovered"] + totals["concealed"] + totals["missing"]
    every = played + totals["missing"]
    pct = lambda part, whole: round(100.0 * part / whole, 2) if whole else None  # noqa: E731
    return {
        "voice_concealed_pct": pct(totals["concealed"], played),
        "voice_lost_pct": pct(lost, every),
        "voice_recovered_pct": pct(totals["recovered"], every),
        "voice_missing_pct": pct(totals["missing"], every),
        "voice_caught_up_pct": pct(totals["caught_up"], played),
        "video_fps_in": round(sum(s.get("fps_in", 0.0) for s in inside) / len(inside), 1),
        "video_size_in": "x".join(map(str, inside[-1].get("video_size_in", (0, 0)))),
        "video_kbps_out_max_5s": _max_5s([(s["at"], s.get("video_kbps_out", 0.0)) for s in inside]),
    }


def chromium_window(samples: list[dict[str, Any]], t0: float, t1: float) -> dict[str, Any]:
    inside = [s for s in samples if t0 <= s["at"] <= t1]
    if len(inside) < 2:
        return {}
    first, last = inside[0], inside[-1]
    delta = lambda key: (last.get(key) or 0) - (first.get(key) or 0)  # noqa: E731
    samples_in, packets, lost = delta("audio_samples"), delta("audio_packets"), delta("audio_lost")
    rates = [
        (a["at"], 8 * ((b.get("video_bytes_out") or 0) - (a.get("video_bytes_out") or 0))
         / max(b["at"] - a["at"], 1e-3) / 1000)
        for a, b in itertools.pairwise(inside)
    ]  # fmt: skip
    return {
        "voice_concealed_pct": round(100.0 * delta("audio_concealed") / samples_in, 2)
        if samples_in
        else None,
        "voice_lost_pct": round(100.0 * lost / (packets + lost), 2) if packets + lost else None,
        "video_fps_in": round(delta("video_frames") / max(last["at"] - first["at"], 1e-3), 1),
        "video_size_in": f"{last.get('video_width')}x{last.get('video_height')}",
        "video_kbps_out_max_5s": _max_5s(rates) if rates else None,
    }


def side_by_side(
    ours: dict[str, dict[str, Any]], theirs: dict[str, dict[str, Any]]
) -> dict[str, dict[str, Any]]:
    """{end}_{figure}: {"agentdesk": ..., "chromium": ...} for every figure either has."""
    out: dict[str, dict[str, Any]] = {}
    for end in ("kiosk", "agent"):
        mine, other = ours.get(end, {}), theirs.get(end, {})
        for key in sorted(set(mine) | set(other)):
            out[f"{end}_{key}"] = {"agentdesk": mine.get(key), "chromium": other.get(key)}
    return out


# --------------------------------------------------------------------------- AgentDesk


async def run_agentdesk(
    line: netline.ShapedLine, step_s: float, tmp: Path, only: frozenset[str]
) -> dict[str, Any]:
    from agentdesk.engine.documents import samples

    db = tmp / "switchboard.db"
    token = callbench.provision(db)
    scans, prints = tmp / "scans", tmp / "prints"
    scans.mkdir(exist_ok=True)
    python = sys.executable
    children: list[callbench.Child] = []
    try:
        switchboard = await callbench.spawn(
            "switchboard",
            line.a.command(python, "-m", "agentdesk", "switchboard", "serve", "--db", str(db),
                           "--host", line.a.address, "--port", "0", "--insecure"),
            tmp / "switchboard.log",
        )  # fmt: skip
        children.append(switchboard)
        url = str((await switchboard.wait(switchboard.event("listening"), "listening", 30))["url"])
        agent = await callbench.spawn(
            "agent",
            line.a.command(python, str(HERE / "_call_agent.py"), "--server", url,
                           "--login", callbench.AGENT, "--video-kbps", str(VIDEO_CAP_KBPS),
                           "--video-overshoot", "1.4", "--ice-address", line.a.address,
                           "--microphone", "testvoice", "--voice-markers"),
            tmp / "agent.log",
        )  # fmt: skip
        children.append(agent)
        agent.write(callbench.PASSWORD)
        await agent.wait(lambda x: "ready" in x, "ready")
        kiosk = await callbench.spawn(
            "kiosk",
            line.b.command(python, str(HERE / "_call_kiosk.py"), "--server", url,
                           "--kiosk-id", callbench.KIOSK, "--service", callbench.SERVICE,
                           "--camera", "testsrc", "--microphone", "testvoice",
                           "--ice-address", line.b.address, "--video-kbps", str(VIDEO_CAP_KBPS),
                           "--scan-dir", str(scans), "--print-dir", str(prints), "--json", "-v"),
            tmp / "kiosk.log",
            env={"AGENTDESK_KIOSK_TOKEN": token},
        )  # fmt: skip
        children.append(kiosk)
        await kiosk.wait(kiosk.event("first_frame"), "first frame at the kiosk", 60)
        await agent.wait(lambda x: "first_frame" in x, "first frame at the agent", 60)
        log("AgentDesk call up")

        def quality() -> dict[str, list[dict[str, Any]]]:
            return {
                "kiosk": [x for x in kiosk.lines if x.get("event") == "quality"],
                "agent": [x["quality"] for x in agent.lines if "quality" in x],
            }

        def windows(t0: float, t1: float) -> dict[str, dict[str, Any]]:
            heard = {
                "kiosk": [
                    marker.Heard(x["at"], x["delay_s"], x["queued_s"])
                    for x in kiosk.lines
                    if x.get("event") == "marker_heard"
                ],
                "agent": [marker.Heard(**x["marker"]) for x in agent.lines if "marker" in x],
            }
            return {
                end: agentdesk_window(q, t0, t1) | marker.delays_ms(heard[end], t0, t1)
                for end, q in quality().items()
            }

        async def document() -> float:
            data = samples.pdf(size=DOCUMENT_BYTES)
            name = f"scan-{int(time.time())}.pdf"
            partial = scans / f".{name}.part"
            partial.write_bytes(data)
            os.replace(partial, scans / name)
            sent = await kiosk.wait(
                lambda x: x.get("event") in ("document_sent", "document_failed"), "scan", 120
            )
            if sent["event"] != "document_sent":
                raise RuntimeError(f"the document was not delivered: {sent}")
            return float(sent["seconds"])

        def back_after(restored: float) -> dict[str, dict[str, Any]]:
            resumed = {
                "kiosk": [(x["kind"], x["at"]) for x in kiosk.lines
                          if x.get("event") == "media_resumed"],
                "agent": [(x["resumed"], x["at"]) for x in agent.lines if "resumed" in x],
            }  # fmt: skip
            out: dict[str, dict[str, Any]] = {}
            for end, times in resumed.items():
                out[end] = {}
                for kind in ("audio", "video"):
                    after = [at for k, at in times if k == kind and at >= restored]
                    out[end][f"{kind}_back_s"] = round(min(after) - restored, 2) if after else None
            return out

        return await run_steps(line, step_s, windows, document, back_after, only=only)
    finally:
        for child in reversed(children):
            await child.stop()
            # What each process reported, beside its log (for a kept folder).
            lines = "".join(json.dumps(line) + "\n" for line in child.lines)
            (tmp / f"{child.name}.jsonl").write_text(lines)


# --------------------------------------------------------------------------- Chromium


async def run_chromium(
    line: netline.ShapedLine, step_s: float, tmp: Path, only: frozenset[str]
) -> dict[str, Any]:
    import _chromium
    from playwright.async_api import async_playwright

    media = _chromium.media_files(tmp)
    async with async_playwright() as playwright:
        agent = await _chromium.launch(playwright, line.a.command(), tmp, "agent", media)
        kiosk = await _chromium.launch(playwright, line.b.command(), tmp, "kiosk", media)
        ends = {"agent": agent, "kiosk": kiosk}
        stats: dict[str, list[dict[str, Any]]] = {"agent": [], "kiosk": []}
        heard: dict[str, list[marker.Heard]] = {"agent": [], "kiosk": []}
        try:
            await _chromium.connect(agent, kiosk)
            log("Chromium call up")
            interval = [1.0]

            async def poll() -> None:
                while True:
                    for end, page in ends.items():
                        stats[end].append(await page.stats())
                        heard[end] = [marker.Heard.at_onset(at) for at in await page.heard()]
                    await asyncio.sleep(interval[0])

            poller = asyncio.create_task(poll())

            def windows(t0: float, t1: float) -> dict[str, dict[str, Any]]:
                return {
                    end: chromium_window(s, t0, t1) | marker.delays_ms(heard[end], t0, t1)
                    for end, s in stats.items()
                }

            async def document() -> float:
                await agent.expect_document(DOCUMENT_BYTES)
                return await kiosk.send_document(DOCUMENT_BYTES)

            def back_after(restored: float) -> dict[str, dict[str, Any]]:
                out: dict[str, dict[str, Any]] = {}
                for end, samples in stats.items():
                    out[end] = {}
                    before = [s for s in samples if s["at"] < restored]
                    after = [s for s in samples if s["at"] >= restored]
                    for kind, key in (("audio", "audio_packets"), ("video", "video_frames")):
                        base = (before[-1].get(key) or 0) if before else 0
                        moved = [s["at"] for s in after if (s.get(key) or 0) > base]
                        out[end][f"{kind}_back_s"] = (
                            round(moved[0] - restored, 2) if moved else None
                        )
                return out

            def fine(on: bool) -> None:
                interval[0] = 0.1 if on else 1.0

            try:
                return await run_steps(line, step_s, windows, document, back_after, fine, only)
            finally:
                poller.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await poller
        finally:
            for page in ends.values():
                with contextlib.suppress(Exception):
                    await page.browser.close()


# --------------------------------------------------------------------------- steps


async def run_steps(
    line: netline.ShapedLine,
    step_s: float,
    windows: Callable[[float, float], dict[str, dict[str, Any]]],
    document: Callable[[], Awaitable[float]],
    back_after: Callable[[float], dict[str, dict[str, Any]]],
    fine_polling: Callable[[bool], None] = lambda _on: None,
    only: frozenset[str] = frozenset(STEPS),
) -> dict[str, Any]:
    """The steps in ``only``, the same for either system; returns {step: {end: {figure: value}}}."""
    results: dict[str, Any] = {}
    for name, (down, up, loss, delay, jitter) in PROFILES.items():
        if name not in only:
            continue
        log(f"step {name}")
        line.shape(down, up, loss, delay_ms=delay, jitter_ms=jitter)
        await asyncio.sleep(SETTLE_S)
        t0 = time.time()
        await asyncio.sleep(step_s)
        results[name] = windows(t0, time.time())
    if "document" in only:
        results["document"] = await document_step(line, document, windows)
    if "cut" in only:
        results["cut"] = await cut_step(line, step_s, back_after, fine_polling)
    return results


async def document_step(
    line: netline.ShapedLine,
    document: Callable[[], Awaitable[float]],
    windows: Callable[[float, float], dict[str, dict[str, Any]]],
) -> dict[str, Any]:
    log("step document")
    line.shape(2000, 2000, 0.0)
    await asyncio.sleep(SETTLE_S)
    t0 = time.time()
    seconds = await document()
    t1 = time.time()
    await asyncio.sleep(5.0)
    during, after = windows(t0, t1), windows(t1, time.time())
    for end in during:
        during[end]["video_fps_after"] = after.get(end, {}).get("video_fps_in")
    during["kiosk"]["document_s"] = round(seconds, 2)
    return during


async def cut_step(
    line: netline.ShapedLine,
    step_s: float,
    back_after: Callable[[float], dict[str, dict[str, Any]]],
    fine_polling: Callable[[bool], None],
) -> dict[str, Any]:
    log("step cut")
    await asyncio.sleep(SETTLE_S)
    line.cut(True)
    await asyncio.sleep(CUT_S)
    fine_polling(True)
    # Taken before: media may flow before the nft command returns.
    restored = time.time()
    line.cut(False)
    await asyncio.sleep(max(step_s, 10.0))
    fine_polling(False)
    return back_after(restored)


async def main_async(args: argparse.Namespace) -> dict[str, Any]:
    problem = netline.unavailable(relay=True)
    if problem:
        raise SystemExit(f"bench/network: {problem}")
    started = time.monotonic()
    load_before = os.getloadavg()
    keep = os.environ.get("BENCH_NETWORK_KEEP")
    with (
        contextlib.nullcontext(keep) if keep else tempfile.TemporaryDirectory(prefix="bench-net-")
    ) as folder:
        tmp = Path(folder)
        with netline.ShapedLine(f"bn{os.getpid()}", relay=True) as line:
            (tmp / "agentdesk").mkdir(parents=True, exist_ok=True)
            for old in [*(tmp / "agentdesk").glob("switchboard.db*"),
                        *(tmp / "agentdesk").glob("scans/*")]:  # fmt: skip
                old.unlink()  # a kept folder from an earlier run
            (tmp / "chromium").mkdir(exist_ok=True)
            ours = await run_agentdesk(line, args.step_seconds, tmp / "agentdesk", args.profiles)
            line.shape(2000, 2000, 0.0)
            theirs = await run_chromium(line, args.step_seconds, tmp / "chromium", args.profiles)
    steps = {name: side_by_side(ours[name], theirs[name]) for name in ours}
    return {
        "steps": steps,
        "agentdesk_video_cap_kbps": VIDEO_CAP_KBPS,
        "step_seconds": args.step_seconds,
        "line": {
            "applied": [
                "rate each way (tbf, 100 ms queue)",
                "random UDP loss on arrival (nftables)",
                "total cut (nftables)",
                "one-way delay (user-space relay)",
                "jitter, uniform per packet (user-space relay)",
            ],
            "not_applied": [
                "reordering (the relay keeps each direction's order)",
                "bursty loss (each packet dropped independently)",
            ],
        },
        "profiles": {
            name: {
                "kbps_to_kiosk": down,
                "kbps_from_kiosk": up,
                "loss_pct": loss,
                "delay_ms": delay,
                "jitter_ms": jitter,
            }
            for name, (down, up, loss, delay, jitter) in PROFILES.items()
            if name in args.profiles
        },
        "load_before": [round(x, 2) for x in load_before],
        "load_after": [round(x, 2) for x in os.getloadavg()],
        "cpu_count": os.cpu_count(),
        "run_seconds": round(time.monotonic() - started, 1),
    }


def profiles(text: str) -> frozenset[str]:
    """The steps named in ``--profiles``; an unknown name is refused with the known ones."""
    names = frozenset(name.strip() for name in text.split(",") if name.strip())
    unknown = sorted(names - set(STEPS))
    if unknown or not names:
        raise argparse.ArgumentTypeError(
            f"unknown step {', '.join(unknown) or '(none given)'}; known: {', '.join(STEPS)}"
        )
    return names


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="8 s steps instead of 20")
    parser.add_argument("--step-seconds", type=float, help="measured seconds per step")
    parser.add_argument(
        "--profiles",
        type=profiles,
        default=frozenset(STEPS),
        help=f"only these steps, comma-separated (default: all of {','.join(STEPS)})",
    )
    args = parser.parse_args()
    if args.step_seconds is None:
        args.step_seconds = 8.0 if args.quick else 20.0
    result = asyncio.run(main_async(args))
    log(f"done in {result['run_seconds']} s")
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
