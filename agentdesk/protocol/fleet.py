"""The kiosks of a network as supervisors and operators see them
(``GET /api/v1/kiosks``, ``agentdesk switchboard list-kiosks``)."""

from __future__ import annotations

import msgspec

from .messages import KioskDevice


class KioskStatus(msgspec.Struct, kw_only=True, omit_defaults=True):
    kiosk_id: str
    name: str
    commune: str
    online: bool
    since: float | None = None
    """Connected since (online), or gone since (offline); absent: never seen."""
    last_contact: float | None = None
    devices: list[KioskDevice] = msgspec.field(default_factory=list)
    """The kiosk's last ``device_report``."""
    devices_at: float | None = None
    next_permanence: float | None = None
    """The next (or current) permanence at this kiosk: its start."""
    next_service: str | None = None
    in_permanence: bool = False
    alert: str | None = None
    """``offline`` or ``device_failing`` when it matters: during a permanence
    or within the hour before one."""


class KiosksResponse(msgspec.Struct, kw_only=True):
    at: float
    kiosks: list[KioskStatus]
