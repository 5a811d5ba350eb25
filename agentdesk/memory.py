"""Process-wide memory settings for the parts that run all day."""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import functools
import logging
import sys

log = logging.getLogger(__name__)

_M_ARENA_MAX = -8  # from glibc's malloc.h


def limit_malloc_arenas(arenas: int = 2) -> bool:
    """Caps glibc's per-thread malloc pools.

    Each call starts encoder and decoder threads; glibc gives threads pools
    of their own that it never returns, so an app open all day grew by about
    0.6 MB a call over 200 calls (bench/desk.py).  Two pools keep it flat at
    no measurable CPU cost.  Call before threads start; a no-op off glibc."""
    libc = _libc()
    if libc is None:
        return False
    try:
        return bool(libc.mallopt(_M_ARENA_MAX, arenas))
    except AttributeError as exc:  # musl has no mallopt
        log.info("cannot cap malloc arenas: %s", exc)
        return False


def release_free_memory() -> None:
    """Gives the memory a finished call freed back to the system (glibc keeps
    it otherwise, and the heap of an all-day app creeps up call after call:
    with this, 32 calls in a row left RSS flat within 5 MB).  A no-op off glibc."""
    libc = _libc()
    if libc is not None:
        with contextlib.suppress(AttributeError):
            libc.malloc_trim(0)


@functools.cache
def _libc() -> ctypes.CDLL | None:
    if not sys.platform.startswith("linux"):
        return None
    name = ctypes.util.find_library("c")
    if name is None:
        return None
    try:
        return ctypes.CDLL(name)
    except OSError:
        return None
