"""The desk core: the agent's day without any Qt, network or database code."""

from agentdesk.protocol import ConnectionState

from .credentials import CredentialProblem, CredentialStore, StoreResult
from .day import AppointmentLike, DayModel, DutyPhase, SlotLike
from .documents import DocumentKind, DocumentRecord, DocumentsModel, DocumentStatus
from .duty import CameraPower, DutyKeeper, LoopScheduler, Notice, NoticeKind, Scheduler
from .duty_settings import DutySettings
from .errors import (
    ActionRejected,
    ConnectionLost,
    DeskError,
    PrintFailed,
    PrintProblem,
    SignInError,
    SignInProblem,
    StepError,
    classify_sign_in,
)
from .history import HistoryEntry, HistoryModel
from .journal import CallJournal, UnfinishedCall
from .model import Desk, DeskEvents, Identity
from .quality import Quality, QualitySample
from .queue import QueueEntry, QueueModel
from .services import (
    BYTES_PER_PIXEL,
    DocumentsService,
    FrameSink,
    MediaControls,
    NoMedia,
    RequestFn,
    RgbFrame,
    rgb_pixel,
)
from .session import Authenticator, SignedIn, SignInFlow
from .settings import (
    DEFAULT_OUTCOMES,
    DeskSettings,
    Language,
    LoadResult,
    SettingsProblem,
    SettingsStore,
)
from .state import (
    Action,
    CurrentCall,
    DeskState,
    MediaState,
    NextPresence,
    Offer,
    PauseReason,
)
from .tasks import TaskOwner

__all__ = [
    "BYTES_PER_PIXEL",
    "DEFAULT_OUTCOMES",
    "Action",
    "ActionRejected",
    "AppointmentLike",
    "Authenticator",
    "CallJournal",
    "CameraPower",
    "ConnectionLost",
    "ConnectionState",
    "CredentialProblem",
    "CredentialStore",
    "CurrentCall",
    "DayModel",
    "Desk",
    "DeskError",
    "DeskEvents",
    "DeskSettings",
    "DeskState",
    "DocumentKind",
    "DocumentRecord",
    "DocumentStatus",
    "DocumentsModel",
    "DocumentsService",
    "DutyKeeper",
    "DutyPhase",
    "DutySettings",
    "FrameSink",
    "HistoryEntry",
    "HistoryModel",
    "Identity",
    "Language",
    "LoadResult",
    "LoopScheduler",
    "MediaControls",
    "MediaState",
    "NextPresence",
    "NoMedia",
    "Notice",
    "NoticeKind",
    "Offer",
    "PauseReason",
    "PrintFailed",
    "PrintProblem",
    "Quality",
    "QualitySample",
    "QueueEntry",
    "QueueModel",
    "RequestFn",
    "RgbFrame",
    "Scheduler",
    "SettingsProblem",
    "SettingsStore",
    "SignInError",
    "SignInFlow",
    "SignInProblem",
    "SignedIn",
    "SlotLike",
    "StepError",
    "StoreResult",
    "TaskOwner",
    "UnfinishedCall",
    "classify_sign_in",
    "rgb_pixel",
]
