"""The document channel: scans, print jobs and small commands between kiosk and agent.

Attach a DocumentChannel to the call's "documents" data channel (ordered,
reliable) and follow ``events``.  The wire format is described in ``wire``.
"""

from .channel import LABEL, ChannelNotOpen, DocumentChannel, display_name
from .events import (
    CommandReceived,
    DocumentDelivered,
    DocumentEvent,
    DocumentOffered,
    DocumentReceived,
    DocumentRefused,
    PeerError,
    TransferActivity,
    TransferProgress,
)
from .model import (
    ChannelSettings,
    Direction,
    DocumentInfo,
    DocumentLimits,
    DocumentOutcome,
    DocumentType,
    Purpose,
    ReceivedDocument,
    Refusal,
    RefusalReason,
    TransferState,
)
from .sender import OutgoingTransfer
from .storage import SaveError, save_document
from .validation import DocumentCheckError, Inspection, inspect, sniff
from .wire import (
    Command,
    Device,
    DeviceState,
    DeviceStatus,
    PrintOutcome,
    PrintResult,
    RequestScan,
)

__all__ = [
    "LABEL",
    "ChannelNotOpen",
    "ChannelSettings",
    "Command",
    "CommandReceived",
    "Device",
    "DeviceState",
    "DeviceStatus",
    "Direction",
    "DocumentChannel",
    "DocumentCheckError",
    "DocumentDelivered",
    "DocumentEvent",
    "DocumentInfo",
    "DocumentLimits",
    "DocumentOffered",
    "DocumentOutcome",
    "DocumentReceived",
    "DocumentRefused",
    "DocumentType",
    "Inspection",
    "OutgoingTransfer",
    "PeerError",
    "PrintOutcome",
    "PrintResult",
    "Purpose",
    "ReceivedDocument",
    "Refusal",
    "RefusalReason",
    "RequestScan",
    "SaveError",
    "TransferActivity",
    "TransferProgress",
    "TransferState",
    "display_name",
    "inspect",
    "save_document",
    "sniff",
]
