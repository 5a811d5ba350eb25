"""AgentDesk: the agent's side of Point Visio-Public video calls, and its counterparts."""

__version__ = "0.1.0"
