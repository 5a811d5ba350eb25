"""The same call between two headless Chromium endpoints, for bench/network.py.

Each Chromium runs inside one side's network namespace (a wrapper script
execs it through ``ip netns exec``) and is driven by Playwright over its
``--remote-debugging-pipe``, so the bench itself stays outside.  Chromium's
fake devices read the same pictures and sound as AgentDesk's: a 640x480,
30 fps testsrc2 clip (MJPEG, made by FFmpeg) and the engine's synthetic
voice (WAV).  The page holds one RTCPeerConnection (no ICE server: host
candidates on the line only), audio + video both ways and a negotiated
data channel that carries the 3 MiB document with backpressure, acknowledged
by the receiving page.
"""

from __future__ import annotations

import subprocess
import wave
from pathlib import Path
from typing import Any

from playwright.async_api import Browser, Page, Playwright

from agentdesk.engine.testvoice import voice_pcm

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--no-sandbox",  # as root
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--use-fake-ui-for-media-stream",
    "--use-fake-device-for-media-stream",
    "--allow-loopback-in-peer-connection",
    "--disable-features=WebRtcHideLocalIpsWithMdns",
    "--autoplay-policy=no-user-gesture-required",
]

PAGE_SCRIPT = """
async ([mode]) => {
  const stream = await navigator.mediaDevices.getUserMedia({
    audio: {echoCancellation: false, noiseSuppression: false, autoGainControl: false},
    video: {width: 640, height: 480, frameRate: 30}});
  const pc = new RTCPeerConnection({iceServers: []});
  for (const track of stream.getTracks()) pc.addTrack(track, stream);
  const channel = pc.createDataChannel('documents', {negotiated: true, id: 0, ordered: true});
  channel.binaryType = 'arraybuffer';
  window.bench = {pc, channel, received: 0, acked: null, lastVideo: 0, lastAudio: 0};
  channel.onmessage = (event) => {
    if (typeof event.data === 'string') {
      if (event.data === 'ack') window.bench.acked = performance.now();
      return;
    }
    window.bench.received += event.data.byteLength;
    if (window.bench.received >= window.bench.expect) channel.send('ack');
  };
  pc.ontrack = (event) => {
    const el = document.createElement(event.track.kind);
    el.srcObject = new MediaStream([event.track]);
    el.muted = false; el.autoplay = true; document.body.appendChild(el);
    el.play().catch(() => {});
  };
}
"""

GATHERED = """
async () => {
  const pc = window.bench.pc;
  if (pc.iceGatheringState !== 'complete') {
    await new Promise((resolve) => {
      pc.addEventListener('icegatheringstatechange', () => {
        if (pc.iceGatheringState === 'complete') resolve();
      });
    });
  }
  return pc.localDescription.sdp;
}
"""

STATS = """
async () => {
  const report = await window.bench.pc.getStats();
  const out = {at: Date.now() / 1000};
  report.forEach((s) => {
    if (s.type === 'inbound-rtp' && s.kind === 'audio') {
      out.audio_samples = s.totalSamplesReceived; out.audio_concealed = s.concealedSamples;
      out.audio_silent_concealed = s.silentConcealedSamples;
      out.audio_packets = s.packetsReceived; out.audio_lost = s.packetsLost;
      out.audio_fec = s.fecPacketsReceived;
      out.jitter_buffer_delay = s.jitterBufferDelay;
      out.jitter_buffer_emitted = s.jitterBufferEmittedCount;
    } else if (s.type === 'inbound-rtp' && s.kind === 'video') {
      out.video_width = s.frameWidth; out.video_height = s.frameHeight;
      out.video_frames = s.framesDecoded; out.video_fps = s.framesPerSecond;
      out.video_nacks = s.nackCount;
    } else if (s.type === 'outbound-rtp' && s.kind === 'video') {
      out.video_bytes_out = (out.video_bytes_out || 0) + s.bytesSent;
      out.video_width_out = s.frameWidth;
    } else if (s.type === 'candidate-pair' && s.nominated && s.state === 'succeeded') {
      out.rtt_ms = 1000 * (s.currentRoundTripTime || 0);
    }
  });
  return out;
}
"""

SEND_DOCUMENT = """
async ([size]) => {
  const channel = window.bench.channel;
  const chunk = new Uint8Array(16384);
  channel.bufferedAmountLowThreshold = 262144;
  window.bench.acked = null;
  const started = performance.now();
  let sent = 0;
  while (sent < size) {
    if (channel.bufferedAmount > 1048576) {
      await new Promise((resolve) => { channel.onbufferedamountlow = resolve; });
    }
    const piece = Math.min(chunk.length, size - sent);
    channel.send(piece === chunk.length ? chunk : chunk.slice(0, piece));
    sent += piece;
  }
  while (window.bench.acked === null) await new Promise((r) => setTimeout(r, 20));
  return (window.bench.acked - started) / 1000;
}
"""


def media_files(folder: Path) -> tuple[Path, Path]:
    """The testsrc2 clip and the voice WAV Chromium's fake devices loop."""
    video = folder / "testsrc2.mjpeg"
    subprocess.run(
        ["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i",
         "testsrc2=size=640x480:rate=30", "-t", "10", "-q:v", "5", str(video)],
        check=True,
    )  # fmt: skip
    audio = folder / "voice.wav"
    with wave.open(str(audio), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(48_000)
        out.writeframes(voice_pcm())
    return video, audio


class ChromiumEnd:
    def __init__(self, browser: Browser, page: Page) -> None:
        self.browser = browser
        self.page = page

    async def stats(self) -> dict[str, Any]:
        return dict(await self.page.evaluate(STATS))

    async def send_document(self, size: int) -> float:
        return float(await self.page.evaluate(SEND_DOCUMENT, [size]))

    async def expect_document(self, size: int) -> None:
        await self.page.evaluate(
            f"() => {{ window.bench.received = 0; window.bench.expect = {size}; }}"
        )


async def launch(
    playwright: Playwright,
    command_prefix: list[str],
    folder: Path,
    name: str,
    media: tuple[Path, Path],
) -> ChromiumEnd:
    wrapper = folder / f"chromium-{name}"
    prefix = " ".join(command_prefix)
    wrapper.write_text(f'#!/bin/sh\nexec {prefix} {CHROMIUM} "$@"\n')
    wrapper.chmod(0o755)
    video, audio = media
    browser = await playwright.chromium.launch(
        executable_path=str(wrapper),
        headless=True,
        args=[
            *FLAGS,
            f"--use-file-for-fake-video-capture={video}",
            f"--use-file-for-fake-audio-capture={audio}",
        ],
    )
    page = await browser.new_page()
    # getUserMedia needs a secure context: http://localhost is one, served by
    # Playwright itself (nothing listens).
    await page.route(
        "http://localhost/bench",
        lambda route: route.fulfill(body="<html><body></body></html>", content_type="text/html"),
    )
    await page.goto("http://localhost/bench")
    await page.evaluate(PAGE_SCRIPT, ["x"])
    return ChromiumEnd(browser, page)


async def connect(offerer: ChromiumEnd, answerer: ChromiumEnd) -> None:
    """Offer/answer with complete candidate lists (no trickle): the bench is the signalling."""
    await offerer.page.evaluate(
        "async () => { const pc = window.bench.pc;"
        " await pc.setLocalDescription(await pc.createOffer()); }"
    )
    offer = await offerer.page.evaluate(GATHERED)
    await answerer.page.evaluate(
        "async ([sdp]) => { const pc = window.bench.pc;"
        " await pc.setRemoteDescription({type: 'offer', sdp});"
        " await pc.setLocalDescription(await pc.createAnswer()); }",
        [offer],
    )
    answer = await answerer.page.evaluate(GATHERED)
    await offerer.page.evaluate(
        "async ([sdp]) => { await window.bench.pc.setRemoteDescription({type: 'answer', sdp}); }",
        [answer],
    )
