"""The same call between two headless Chromium endpoints, for bench/network.py.

Each Chromium runs inside one side's network namespace (a wrapper script
execs it through ``ip netns exec``) and is driven by Playwright over its
``--remote-debugging-pipe``, so the bench itself stays outside.  Chromium's
fake devices read the same pictures and sound as AgentDesk's: a 640x480,
30 fps testsrc2 clip (MJPEG, made by FFmpeg) and the engine's synthetic
voice (WAV).  The page holds one RTCPeerConnection (no ICE server: host
candidates on the line only), audio + video both ways and a negotiated
data channel that carries the 3 MiB document with backpressure, acknowledged
by the receiving page.  The voice sent carries the marker tone of
tests/support/marker.py (an OscillatorNode into a MediaStreamDestination,
gated on wall-clock time: ``performance.timeOrigin + performance.now()``) and
the voice received goes through the same Goertzel detector in an
AudioWorklet; context time is turned into wall-clock time through
``currentTime``, which moves by whole audio callbacks (10 ms here): the top
of ``wallNow() - currentTime`` over the last second (sampled every 50 ms)
dates the rendering, within a few milliseconds.
"""

from __future__ import annotations

import subprocess
import wave
from pathlib import Path
from typing import Any

from playwright.async_api import Browser, Page, Playwright

from agentdesk.engine.testvoice import voice_pcm
from tests.support import marker

MARKER = {
    "hz": marker.MARKER_HZ,
    "s": marker.MARKER_S,
    "period_s": marker.PERIOD_S,
    "level": marker.LEVEL / 32768,
    "block_s": marker.BLOCK / 48_000,
    "share": marker.TONE_SHARE,
    "min_rms": marker.MIN_RMS,
    "blocks": marker.MARKER_BLOCKS,
    "refractory_s": marker.REFRACTORY_S,
}

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

# The marker detector of tests/support/marker.py, in an AudioWorklet on the received voice:
# a Goertzel filter over 5 ms blocks; an onset where MARKER_BLOCKS blocks in a row carry the tone.
DETECTOR = """
class MarkerDetector extends AudioWorkletProcessor {
  constructor(options) {
    super();
    const o = options.processorOptions;
    this.o = o;
    this.size = Math.round(sampleRate * o.block_s);
    this.buf = new Float32Array(this.size);
    this.n = 0; this.first = 0; this.run = []; this.last = -1e12;
    this.coeff = 2 * Math.cos(2 * Math.PI * o.hz / sampleRate);
  }
  process(inputs) {
    const channel = inputs[0] && inputs[0][0];
    if (!channel) { this.n = 0; this.run = []; return true; }
    for (let i = 0; i < channel.length; i++) {
      if (this.n === 0) this.first = currentFrame + i;
      this.buf[this.n++] = channel[i];
      if (this.n === this.size) { this.block(this.first); this.n = 0; }
    }
    return true;
  }
  block(frame) {
    let s1 = 0, s2 = 0, energy = 0;
    for (let i = 0; i < this.size; i++) {
      const x = this.buf[i] * 32768;
      const s = x + this.coeff * s1 - s2; s2 = s1; s1 = s; energy += x * x;
    }
    const power = s1 * s1 + s2 * s2 - this.coeff * s1 * s2;
    const share = energy ? power / (energy * this.size / 2) : 0;
    if (share < this.o.share || Math.sqrt(energy / this.size) < this.o.min_rms) {
      this.run = []; return;
    }
    this.run.push(frame);
    const onset = this.run[0];
    const apart = (onset - this.last) / sampleRate;
    if (this.run.length === this.o.blocks && apart > this.o.refractory_s) {
      this.last = onset;
      this.port.postMessage(onset / sampleRate);
    }
  }
}
registerProcessor('marker-detector', MarkerDetector);
"""

PAGE_SCRIPT = """
async ([marker, detector]) => {
  const stream = await navigator.mediaDevices.getUserMedia({
    audio: {echoCancellation: false, noiseSuppression: false, autoGainControl: false},
    video: {width: 640, height: 480, frameRate: 30}});
  const pc = new RTCPeerConnection({iceServers: []});
  // The voice sent: the fake microphone, replaced by a marker tone from each whole
  // multiple of the period of wall-clock time (tests/support/marker.py's MarkedVoice).
  const ctx = new AudioContext({sampleRate: 48000});
  await ctx.resume();
  const wallNow = () => performance.timeOrigin + performance.now();
  // currentTime moves by whole audio callbacks: wallNow() - currentTime is a sawtooth
  // whose top (just before a callback) dates the rendering of currentTime itself.
  // Its highest value over the last second maps context time to wall-clock time.
  const offsets = [];
  const sampleOffset = () => {
    offsets.push(wallNow() - 1000 * ctx.currentTime);
    if (offsets.length > 20) offsets.shift();
  };
  sampleOffset();
  const wallAt = (t) => Math.max(...offsets) + 1000 * t;
  const voice = ctx.createGain(), tone = ctx.createGain(), oscillator = ctx.createOscillator();
  const sent = ctx.createMediaStreamDestination();
  tone.gain.value = 0;
  oscillator.frequency.value = marker.hz;
  oscillator.start();
  ctx.createMediaStreamSource(stream).connect(voice).connect(sent);
  oscillator.connect(tone).connect(sent);
  let scheduled = 0;
  setInterval(() => {
    sampleOffset();
    const now = wallNow(), period = 1000 * marker.period_s;
    const next = Math.ceil(now / period) * period;
    if (next === scheduled || next - now > 500 || next - now < 20) return;
    scheduled = next;
    const t = (next - Math.max(...offsets)) / 1000;
    tone.gain.setValueAtTime(marker.level, t); tone.gain.setValueAtTime(0, t + marker.s);
    voice.gain.setValueAtTime(0, t); voice.gain.setValueAtTime(1, t + marker.s);
  }, 50);
  pc.addTrack(sent.stream.getAudioTracks()[0], stream);
  for (const track of stream.getVideoTracks()) pc.addTrack(track, stream);
  await ctx.audioWorklet.addModule(URL.createObjectURL(
    new Blob([detector], {type: 'application/javascript'})));
  const channel = pc.createDataChannel('documents', {negotiated: true, id: 0, ordered: true});
  channel.binaryType = 'arraybuffer';
  window.bench = {pc, channel, received: 0, acked: null, lastVideo: 0, lastAudio: 0, heard: []};
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
    if (event.track.kind !== 'audio') return;
    // The ear: the received voice as WebAudio renders it, after the jitter buffer.
    const ear = new AudioWorkletNode(ctx, 'marker-detector', {processorOptions: marker});
    ear.port.onmessage = (message) => window.bench.heard.push(wallAt(message.data) / 1000);
    const sink = ctx.createGain();
    sink.gain.value = 0;
    ctx.createMediaStreamSource(new MediaStream([event.track])).connect(ear).connect(sink);
    sink.connect(ctx.destination);
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

    async def heard(self) -> list[float]:
        """Wall-clock times (s) at which the markers in the received voice were rendered."""
        return [float(at) for at in await self.page.evaluate("() => window.bench.heard")]

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
    await page.evaluate(PAGE_SCRIPT, [MARKER, DETECTOR])
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
