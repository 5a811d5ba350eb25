"""A kiosk's line, configured once on the switchboard, reaches both ends of its calls."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from agentdesk.engine.callconfig import video_cap_kbps
from agentdesk.protocol import (
    AgentState,
    AgentStatus,
    CallUpdate,
    LineCaps,
    Offered,
    QueueCall,
    SetPresence,
)
from tests.support.switchboard import SwitchboardProcess

from .conftest import Joiner


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "agentdesk", "switchboard", *args],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip


async def test_a_line_set_on_the_switchboard_is_told_to_the_agent_and_the_kiosk(
    sb: SwitchboardProcess, db: Path, join: Joiner
) -> None:
    done = cli("set-kiosk-line", "pvp-murat", "--down", "1000", "--up", "512", "--db", str(db))
    assert done.returncode == 0, done.stderr
    agent, _ = await join(sb, "agent.caf")
    kiosk, _ = await join(sb, "pvp-murat")
    await kiosk.request(QueueCall(service="CAF"))
    await agent.request(SetPresence(state=AgentState.AVAILABLE, auto_answer=True))
    await agent.next(AgentStatus, lambda m: m.agent.state is AgentState.AVAILABLE)
    offered = await agent.next(Offered)
    line = LineCaps(down_kbps=1000, up_kbps=512)
    assert offered.call.line == line
    assert (await kiosk.next(CallUpdate)).call.line == line


def test_each_end_fits_its_video_to_its_direction_of_the_line() -> None:
    adsl = LineCaps(down_kbps=1000, up_kbps=512)
    # 512 kbit/s up: 70 % of it, less the voice, for the kiosk's video.
    assert video_cap_kbps(600, adsl, kiosk_sends=True) == 298
    assert video_cap_kbps(600, adsl, kiosk_sends=False) == 600  # 640 fits: own ceiling
    assert video_cap_kbps(600, None, kiosk_sends=True) == 600
    assert video_cap_kbps(600, LineCaps(down_kbps=64, up_kbps=64), kiosk_sends=True) == 60


def test_a_bad_line_gets_a_sentence_and_changes_nothing(tmp_path: Path) -> None:
    db = str(tmp_path / "sb.db")
    assert cli("add-kiosk", "pvp-a", "--name", "PVP A", "--commune", "A", "--lat", "45",
               "--lon", "2", "--db", db).returncode == 0  # fmt: skip
    unknown = cli("set-kiosk-line", "pvp-nowhere", "--down", "1000", "--up", "512", "--db", db)
    assert unknown.returncode != 0 and "pvp-nowhere" in unknown.stderr
    assert "Traceback" not in unknown.stderr
    too_slow = cli("set-kiosk-line", "pvp-a", "--down", "1000", "--up", "10", "--db", db)
    assert too_slow.returncode != 0 and "10 kbit/s" in too_slow.stderr
