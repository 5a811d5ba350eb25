"""Supervision, Qt-free: the live board fed by the switchboard, the figures of
a period, their impact (km and CO2 not travelled) and their CSV export.

``agentdesk.supervision.api`` (aiohttp) talks to the switchboard; it is not
imported here, so the Qt widgets can use this package without it.
"""

from .board import AgentRow, Alert, FeedStatus, LiveBoard, ServiceView, WaitingCall
from .errors import Problem, SupervisionError
from .export import csv_text, read_csv, write_csv
from .figures import FetchFigures, FiguresModel, Report
from .impact import CommuneImpact, Impact, compute_impact, great_circle_km, nearest_office
from .periods import PARIS, Period, PeriodKind, period_of, today

__all__ = [
    "PARIS",
    "AgentRow",
    "Alert",
    "CommuneImpact",
    "FeedStatus",
    "FetchFigures",
    "FiguresModel",
    "Impact",
    "LiveBoard",
    "Period",
    "PeriodKind",
    "Problem",
    "Report",
    "ServiceView",
    "SupervisionError",
    "WaitingCall",
    "compute_impact",
    "csv_text",
    "great_circle_km",
    "nearest_office",
    "period_of",
    "read_csv",
    "today",
    "write_csv",
]
