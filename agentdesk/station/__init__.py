"""The agent's side of calls, without Qt: what the desktop app drives."""

from agentdesk.desk.errors import PrintFailed

from .call import AgentCall
from .station import Station, StationConfig

__all__ = ["AgentCall", "PrintFailed", "Station", "StationConfig"]
