"""The document channel's control messages nested too deeply: the decoder
reports a bad message (which the channel answers with ``error``, as for any
other WireError), instead of letting a RecursionError escape."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from agentdesk.engine.documents.wire import ErrorCode, WireError, decode


@settings(max_examples=30, deadline=None)
@given(
    depth=st.integers(1_000, 9_000),
    opener=st.sampled_from(["[", '{"a":']),
    kind=st.sampled_from(["doc_offer", "doc_ready", "request_scan", "device_status"]),
)
def test_deeply_nested_control_messages_are_bad_messages(
    depth: int, opener: str, kind: str
) -> None:
    closer = "]" if opener == "[" else "}"
    raw = '{"type": "%s", "pad": %s0%s}' % (kind, opener * depth, closer * depth)  # noqa: UP031
    with pytest.raises(WireError) as caught:
        decode(raw)
    assert caught.value.code is ErrorCode.BAD_MESSAGE
