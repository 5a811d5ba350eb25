"""The document channel's control messages, decoded: JSON nested too deeply
is a bad message (which the channel answers with ``error``, as for any other
WireError) instead of an escaping RecursionError, and the limits on ``name``
and ``mime`` are the ones docs/protocol.md states."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from agentdesk.engine.documents.wire import ChannelErrorCode, DocOffer, WireError, decode


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
    assert caught.value.code is ChannelErrorCode.BAD_MESSAGE


def _offer(name: str, mime: str) -> str:
    return json.dumps(
        {"type": "doc_offer", "doc": "0" * 32, "name": name, "mime": mime, "size": 10,
         "sha256": "0" * 64, "purpose": "scan"}
    )  # fmt: skip


@pytest.mark.parametrize(
    ("name", "mime", "ok"),
    [
        ("a" * 255, "application/pdf", True),
        ("a" * 256, "application/pdf", False),
        ("", "application/pdf", False),
        ("scans/avis.pdf", "application/pdf", False),
        ("avis\x07.pdf", "application/pdf", False),
        ("avis.pdf", "m" * 40, True),
        ("avis.pdf", "m" * 41, False),
    ],
)
def test_name_and_mime_limits_are_the_guides(name: str, mime: str, ok: bool) -> None:
    if ok:
        offer = decode(_offer(name, mime))
        assert isinstance(offer, DocOffer) and (offer.name, offer.mime) == (name, mime)
    else:
        with pytest.raises(WireError) as caught:
            decode(_offer(name, mime))
        assert caught.value.code is ChannelErrorCode.BAD_MESSAGE
