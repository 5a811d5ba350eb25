"""The agent's side of calls, without Qt: what the desktop app drives."""

from .call import AgentCall, PrintFailed
from .station import Station, StationConfig

__all__ = ["AgentCall", "PrintFailed", "Station", "StationConfig"]
