"""The JSON examples of docs/protocol.md's "Permanences and appointments"
section are valid messages and records of agentdesk/protocol: a vendor who
copies them gets what the switchboard sends and accepts."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import msgspec
import pytest

from agentdesk.protocol import (
    AppointmentList,
    DayPlan,
    Error,
    ErrorCode,
    ListAppointments,
    QueueCall,
    ServiceState,
    ServiceStatus,
    decode_client,
    decode_server,
)
from agentdesk.protocol.schedule import Appointment, Permanence

DOC = Path(__file__).resolve().parents[2] / "docs" / "protocol.md"


def _section_examples() -> list[str]:
    text = DOC.read_text(encoding="utf-8")
    section = text.split("## Permanences and appointments", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```json\n(.*?)```", section, re.S)
    examples: list[str] = []
    for block in blocks:
        # One object per line, except the multi-line ones (indented continuation).
        current = ""
        for line in block.splitlines():
            if line.startswith("{") and current:
                examples.append(current)
                current = ""
            current += line + "\n"
        if current:
            examples.append(current)
    return examples


def _decode(example: str) -> Any:
    obj = json.loads(example)
    if "type" in obj:
        if obj["type"] in ("queue_call", "list_appointments"):
            return decode_client(example)
        if obj["type"] == "day_plan":
            # The doc elides the appointment's other fields with "...".
            obj["appointments"] = []
            return decode_server(json.dumps(obj))
        return decode_server(example)
    if "permanence_id" in obj:
        return msgspec.convert(obj, Permanence)
    if "appointment_id" in obj:
        return msgspec.convert(obj, Appointment)
    return msgspec.convert(obj, ServiceStatus)


def test_every_example_of_the_section_decodes() -> None:
    examples = _section_examples()
    decoded = [_decode(e) for e in examples]
    kinds = {type(d) for d in decoded}
    assert {QueueCall, Error, ListAppointments, AppointmentList, DayPlan} <= kinds
    assert {ServiceStatus, Permanence, Appointment} <= kinds
    plan = next(d for d in decoded if isinstance(d, DayPlan))
    assert plan.kiosks[0].label == "France Services de Murat"
    closed = [d for d in decoded if isinstance(d, Error)]
    assert closed[0].code == ErrorCode.CLOSED and closed[0].next_opening is not None


def test_a_null_estimate_is_left_out_and_read_back_as_none() -> None:
    text = '{"type": "queued", "call": {"call_id": "c", "service": "CAF", "state": "queued",'
    text += ' "kiosk_id": "k", "kiosk_name": "K", "commune": "M", "queued_at": 1.0}, "position": 1}'
    queued = decode_server(text)
    assert queued.estimated_wait_s is None


@pytest.mark.parametrize("code", ["12345", "1234567", "abcdef"])
def test_a_check_in_code_is_six_digits(code: str) -> None:
    with pytest.raises(Exception, match="appointment_code"):
        decode_client(
            json.dumps({"type": "queue_call", "service": "CAF", "appointment_code": code})
        )


def test_service_states_that_accept_callers() -> None:
    assert [s for s in ServiceState if s.accepts_callers] == [
        ServiceState.OPEN,
        ServiceState.NO_AGENT_YET,
    ]
