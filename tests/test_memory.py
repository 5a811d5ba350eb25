"""The all-day parts cap glibc's malloc pools and give freed memory back
after each call (bench/desk.py measures the effect over 200 calls)."""

from __future__ import annotations

import sys

import pytest

from agentdesk.memory import limit_malloc_arenas, release_free_memory


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc only")
def test_glibc_takes_the_settings() -> None:
    assert limit_malloc_arenas(2) is True
    release_free_memory()  # must not raise, whatever the heap holds
