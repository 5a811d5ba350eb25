"""Each kiosk's health beside its permanences: what the « Bornes » view and
``list-kiosks`` show, and when to raise an alert."""

from __future__ import annotations

from collections.abc import Iterable

import msgspec

from agentdesk.protocol.fleet import KioskStatus
from agentdesk.protocol.messages import KioskDevice

from .calendar_checks import calendar_of
from .schedule import covers
from .store import Storage

ALERT_BEFORE_S = 3600.0
"""A fault matters from an hour before a permanence: time to send someone."""
_WORKING = ("ready", "busy")
_HORIZON_S = 14 * 86400.0


def fleet(store: Storage, now: float, services: Iterable[str] | None = None) -> list[KioskStatus]:
    """Every kiosk (of ``services``' permanences, when given), with its alert."""
    calendar = calendar_of(store)
    wanted = None if services is None else set(services)
    slots = [
        slot
        for slot in calendar.slots(now - 86400.0, now + _HORIZON_S)
        if slot.ends_at > now and (wanted is None or slot.service in wanted)
    ]
    scheduled = wanted is None or any(calendar.scheduled(s) for s in wanted)
    out: list[KioskStatus] = []
    for health in store.kiosk_health():
        mine = [slot for slot in slots if covers(slot, health.kiosk_id)]
        if wanted is not None and scheduled and not mine:
            continue  # no permanence of this agency here
        first = min(mine, key=lambda s: s.starts_at, default=None)
        devices = [msgspec.convert(d, KioskDevice) for d in health.devices]
        status = KioskStatus(
            kiosk_id=health.kiosk_id,
            name=health.name,
            commune=health.commune,
            online=health.online,
            since=health.since,
            last_contact=health.last_contact,
            devices=devices,
            devices_at=health.devices_at,
            next_permanence=first.starts_at if first else None,
            next_service=first.service if first else None,
            in_permanence=first is not None and first.starts_at <= now,
        )
        status.alert = _alert(status, now)
        out.append(status)
    return out


def _alert(status: KioskStatus, now: float) -> str | None:
    if status.next_permanence is None or status.next_permanence - now > ALERT_BEFORE_S:
        return None
    if not status.online:
        return "offline"
    if any(device.state not in _WORKING for device in status.devices):
        return "device_failing"
    return None
