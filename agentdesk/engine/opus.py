"""A small ctypes binding to the system's libopus, for what PyAV does not expose.

Voice over a lossy line needs three things FFmpeg's libopus wrapper hides:
in-band FEC on the encoder with the expected loss (``OPUS_SET_INBAND_FEC``,
``OPUS_SET_PACKET_LOSS_PERC``), and on the decoder the recovery of a lost
frame from the redundancy carried by the next packet (``decode_fec``) and
packet-loss concealment (a NULL packet).  Debian's ``libopus0`` (installed by
``./run``, an FFmpeg dependency anyway) provides them.

:func:`has_lbrr` reads the LBRR flag of a packet (RFC 6716, 4.2.3 and 4.2.4)
so a recovery is counted only when the packet really carried the lost frame.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
from pathlib import Path

RATE = 48_000
FRAME_SAMPLES = 960
"""20 ms at 48 kHz: what the engine sends and expects."""
MAX_FRAME_SAMPLES = 5760
"""120 ms, Opus's longest frame."""
MAX_PACKET = 1500

_APPLICATION_VOIP = 2048
_SET_BITRATE = 4002
_SET_COMPLEXITY = 4010
_SET_INBAND_FEC = 4012
_SET_PACKET_LOSS_PERC = 4014
_SET_DTX = 4016
_SET_SIGNAL = 4024
_SIGNAL_VOICE = 3001


class OpusError(RuntimeError):
    pass


def _candidates() -> list[str]:
    """The system's libopus first, then the copy PyAV's wheel carries (its
    ``av.libs`` folder on Linux and Windows, ``av/.dylibs`` on macOS), so a
    frozen bundle or a machine without libopus0 still has FEC and concealment."""
    names = [ctypes.util.find_library("opus") or "libopus.so.0"]
    import av

    package = Path(av.__file__).parent
    for folder in (package.parent / "av.libs", package / ".dylibs", package):
        names += sorted(str(p) for p in folder.glob("*opus*") if p.suffix in _LIBRARY_SUFFIXES)
    return names


_LIBRARY_SUFFIXES = {".so", ".dll", ".dylib", ".0", ".1"}


@functools.cache
def library() -> ctypes.CDLL:
    """libopus, loaded once; OpusError with the package to install when absent."""
    problems = []
    for name in _candidates():
        try:
            lib = ctypes.CDLL(name)
            break
        except OSError as exc:
            problems.append(str(exc))
    else:
        raise OpusError(f"libopus is missing (Debian package libopus0): {'; '.join(problems)}")
    c_int, c_void_p = ctypes.c_int, ctypes.c_void_p
    lib.opus_encoder_create.restype = c_void_p
    lib.opus_encoder_create.argtypes = [ctypes.c_int32, c_int, c_int, ctypes.POINTER(c_int)]
    lib.opus_encode.restype = ctypes.c_int32
    lib.opus_encode.argtypes = [c_void_p, c_void_p, c_int, c_void_p, ctypes.c_int32]
    lib.opus_encoder_ctl.restype = c_int
    lib.opus_encoder_destroy.argtypes = [c_void_p]
    lib.opus_decoder_create.restype = c_void_p
    lib.opus_decoder_create.argtypes = [ctypes.c_int32, c_int, ctypes.POINTER(c_int)]
    lib.opus_decode.restype = c_int
    lib.opus_decode.argtypes = [c_void_p, c_void_p, ctypes.c_int32, c_void_p, c_int, c_int]
    lib.opus_decoder_destroy.argtypes = [c_void_p]
    lib.opus_packet_get_nb_samples.restype = c_int
    lib.opus_packet_get_nb_samples.argtypes = [c_void_p, ctypes.c_int32, ctypes.c_int32]
    lib.opus_strerror.restype = ctypes.c_char_p
    lib.opus_strerror.argtypes = [c_int]
    return lib


def _check(code: int, what: str) -> int:
    if code < 0:
        message = library().opus_strerror(code).decode(errors="replace")
        raise OpusError(f"{what}: {message}")
    return code


class Encoder:
    """Mono voice encoder with in-band FEC; 20 ms of s16 in, one packet out."""

    def __init__(self, bitrate_bps: int, loss_pct: int = 5, complexity: int = 9) -> None:
        lib = library()
        error = ctypes.c_int(0)
        handle = lib.opus_encoder_create(RATE, 1, _APPLICATION_VOIP, ctypes.byref(error))
        _check(error.value, "opus_encoder_create")
        self._handle: int | None = handle
        self._out = ctypes.create_string_buffer(MAX_PACKET)
        self.bitrate_bps = 0
        self.loss_pct = -1
        self._ctl(_SET_SIGNAL, _SIGNAL_VOICE)
        self._ctl(_SET_COMPLEXITY, complexity)
        self._ctl(_SET_INBAND_FEC, 1)
        # DTX would stop packets in silence: the receiver would count them lost.
        self._ctl(_SET_DTX, 0)
        self.configure(bitrate_bps, loss_pct)

    def _ctl(self, request: int, value: int) -> None:
        _check(
            library().opus_encoder_ctl(
                ctypes.c_void_p(self._handle), ctypes.c_int(request), ctypes.c_int(value)
            ),
            f"opus_encoder_ctl({request})",
        )

    def configure(self, bitrate_bps: int, loss_pct: int) -> None:
        """Bitrate and the loss the FEC is sized for; cheap when nothing changed."""
        if bitrate_bps != self.bitrate_bps:
            self._ctl(_SET_BITRATE, bitrate_bps)
            self.bitrate_bps = bitrate_bps
        loss = max(0, min(100, loss_pct))
        if loss != self.loss_pct:
            self._ctl(_SET_PACKET_LOSS_PERC, loss)
            self.loss_pct = loss

    def encode(self, pcm: bytes) -> bytes:
        """``pcm``: FRAME_SAMPLES mono s16 samples."""
        if len(pcm) != FRAME_SAMPLES * 2:
            raise ValueError(f"an Opus frame is {FRAME_SAMPLES} samples, got {len(pcm) // 2}")
        size = library().opus_encode(self._handle, pcm, FRAME_SAMPLES, self._out, MAX_PACKET)
        return self._out.raw[: _check(size, "opus_encode")]

    def close(self) -> None:
        handle, self._handle = self._handle, None
        if handle is not None:
            library().opus_encoder_destroy(handle)

    def __del__(self) -> None:
        self.close()


class Decoder:
    """Stereo s16 decoder (what aiortc's receiving track delivers) with FEC and PLC."""

    CHANNELS = 2

    def __init__(self) -> None:
        lib = library()
        error = ctypes.c_int(0)
        handle = lib.opus_decoder_create(RATE, self.CHANNELS, ctypes.byref(error))
        _check(error.value, "opus_decoder_create")
        self._handle: int | None = handle
        self._pcm = (ctypes.c_int16 * (MAX_FRAME_SAMPLES * self.CHANNELS))()

    def _run(self, packet: bytes | None, samples: int, fec: bool) -> bytes:
        length = len(packet) if packet else 0
        got = library().opus_decode(
            self._handle, packet or None, length, self._pcm, samples, 1 if fec else 0
        )
        got = _check(got, "opus_decode")
        return bytes(memoryview(self._pcm).cast("B")[: got * self.CHANNELS * 2])

    def decode(self, packet: bytes) -> bytes:
        return self._run(packet, MAX_FRAME_SAMPLES, False)

    def recover(self, next_packet: bytes, samples: int) -> bytes:
        """The frame before ``next_packet``, from its FEC data (PLC when it has none)."""
        return self._run(next_packet, samples, True)

    def conceal(self, samples: int) -> bytes:
        """``samples`` of concealment where a packet is missing."""
        return self._run(None, samples, False)

    def close(self) -> None:
        handle, self._handle = self._handle, None
        if handle is not None:
            library().opus_decoder_destroy(handle)

    def __del__(self) -> None:
        self.close()


def packet_samples(packet: bytes) -> int:
    """Samples per channel at 48 kHz in ``packet`` (0 when it is not valid Opus)."""
    if not packet:
        return 0
    count = library().opus_packet_get_nb_samples(packet, len(packet), RATE)
    return count if count > 0 else 0


class _RangeDecoder:
    """Just enough of Opus's range decoder (RFC 6716, 4.1) to read equiprobable flags."""

    def __init__(self, data: bytes) -> None:
        self._data = data
        self._offset = 0
        self._rng = 128
        self._rem = self._byte()
        self._val = self._rng - 1 - (self._rem >> 1)
        self._normalize()

    def _byte(self) -> int:
        if self._offset < len(self._data):
            value = self._data[self._offset]
            self._offset += 1
            return value
        return 0

    def _normalize(self) -> None:
        while self._rng <= 1 << 23:
            self._rng <<= 8
            symbol = self._rem
            self._rem = self._byte()
            symbol = ((symbol << 8) | self._rem) >> 1
            self._val = ((self._val << 8) + (255 & ~symbol)) & ((1 << 31) - 1)

    def bit_logp(self, logp: int) -> bool:
        share = self._rng >> logp
        one = self._val < share
        if one:
            self._rng = share
        else:
            self._val -= share
            self._rng -= share
        self._normalize()
        return one


def has_lbrr(packet: bytes) -> bool:
    """Whether a single-frame SILK or hybrid packet carries FEC (LBRR) for the frame before.

    The SILK layer opens with one VAD flag per 20 ms frame, then the LBRR
    flag, each an equiprobable symbol (RFC 6716, 4.2.3).  Packets holding
    several Opus frames (code 1 to 3) are not read: False.
    """
    if len(packet) < 2:
        return False
    toc = packet[0]
    if toc >> 3 >= 16 or toc & 0x3 != 0:
        return False  # CELT only (no SILK layer), or several frames per packet
    silk_frames = max(1, packet_samples(packet) // FRAME_SAMPLES)
    decoder = _RangeDecoder(packet[1:])
    for _ in range(silk_frames):
        decoder.bit_logp(1)
    return decoder.bit_logp(1)
