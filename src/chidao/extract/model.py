"""Result types of the extraction (schema ``chidao.extract/1``).

Every span (``start``, ``end``) is a pair of ``str`` indices into the normalised text.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field

SCHEMA = "chidao.extract/1"


@dataclass(frozen=True)
class Signer:
    name: str | None
    title: str | None
    authority: str | None


@dataclass(frozen=True)
class DocumentInfo:
    type: str | None = None
    number: str | None = None
    issuer: str | None = None
    place: str | None = None
    date: str | None = None
    subject: str | None = None
    signer: Signer | None = None
    recipients: tuple[str, ...] = ()
    addressees: tuple[str, ...] = ()


@dataclass(frozen=True)
class Reference:
    type: str | None
    number: str
    date: str | None
    issuer: str | None
    start: int
    end: int


@dataclass(frozen=True)
class Deadline:
    """A due date found in the text.

    ``date`` is ISO (``YYYY-MM-DD``, ``XXXX-MM-DD`` when the year is unknown) or None when
    the deadline is relative and its base date is unknown; ``rule`` then keeps it, e.g.
    ``{"working_days": 10, "from": "receipt"}``.
    """

    date: str | None
    text: str
    kind: str
    start: int
    end: int
    rule: dict | None = None


@dataclass(frozen=True)
class Task:
    assignees: tuple[str, ...]
    coordinators: tuple[str, ...]
    action: str
    deadline: Deadline | None
    start: int
    end: int


@dataclass
class Extraction:
    source: str | None
    document: DocumentInfo
    references: list[Reference] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)

    def to_dict(self) -> dict:
        doc = asdict(self.document)
        doc["recipients"] = list(self.document.recipients)
        doc.pop("addressees", None)
        return {
            "schema": SCHEMA,
            "source": self.source,
            "document": doc,
            "references": [asdict(r) for r in self.references],
            "tasks": [_task_dict(t) for t in self.tasks],
        }


def _task_dict(task: Task) -> dict:
    d = task.deadline
    return {
        "assignees": list(task.assignees),
        "coordinators": list(task.coordinators),
        "action": task.action,
        "deadline": None if d is None else
        {"date": d.date, "text": d.text, "kind": d.kind, **({"rule": d.rule} if d.rule else {})},
        "start": task.start,
        "end": task.end,
    }
