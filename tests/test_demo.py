"""``agentdesk demo``, the README's first command, as a newcomer runs it
(offscreen here: this machine has no screen)."""

from __future__ import annotations

import sys
from pathlib import Path

from tests.support.demo import run_demo_whole_flow


def test_the_demo_runs_the_whole_flow_and_cleans_up(tmp_path: Path) -> None:
    run_demo_whole_flow([sys.executable, "-m", "agentdesk"], tmp_path)
