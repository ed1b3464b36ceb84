"""Plain records handed to the store for writing (built by ``chidao.tracking``)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class NewBody:
    role: str  # "assignee" or "coordinator"
    position: int
    name: str
    name_key: str
    body_id: str | None


@dataclass(frozen=True)
class NewTask:
    position: int
    action: str
    status: str
    deadline_text: str | None
    deadline_kind: str | None
    deadline_rule: dict | None
    deadline_written: str | None
    due_date: dt.date | None
    start: int
    end: int
    bodies: tuple[NewBody, ...]


@dataclass(frozen=True)
class NewReference:
    position: int
    ref_type: str | None
    number: str
    number_key: str
    year: int | None
    date_text: str | None
    issuer: str | None
    start: int
    end: int


@dataclass(frozen=True)
class NewDocument:
    sha256: str
    source_name: str
    suffix: str
    size: int
    doc_type: str | None
    number: str | None
    number_key: str | None
    year: int | None
    issuer: str | None
    issuer_body_id: str | None
    province: str | None
    place: str | None
    date_text: str | None
    doc_date: dt.date | None
    subject: str | None
    signer: dict | None
    recipients: list[str]
    text: str
    version_key: str | None
    tasks: tuple[NewTask, ...] = ()
    references: tuple[NewReference, ...] = ()
    extra: dict = field(default_factory=dict)
