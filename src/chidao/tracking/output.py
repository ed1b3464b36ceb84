"""Plain records of tasks, hits and statistics for JSON and CSV output (streamed)."""
from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterable
from typing import IO

from chidao.registry import Registry
from chidao.store.tasks import TaskLine
from chidao.tracking.lifecycle import STATUS_LABELS, Status
from chidao.tracking.views import holder_groups, timeliness_of


def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


def task_record(line: TaskLine, as_of: dt.date, registry: Registry) -> dict:
    """A task with its timeliness on ``as_of`` and the bodies answering for it then."""
    state = timeliness_of(line, as_of)
    return {
        "id": line.id,
        "document_id": line.document_id,
        "document": line.doc_number,
        "document_type": line.doc_type,
        "document_date": line.doc_date_text,
        "assignees": [n for n, _ in line.assignees],
        "holders": [label for _, label in holder_groups(line, registry, as_of)],
        "coordinators": [n for n, _ in line.coordinators],
        "action": line.action,
        "deadline_text": line.deadline_text,
        "due_date": _iso(line.due_date),
        "original_due_date": _iso(line.original_due_date),
        "extension_asked_to": _iso(line.extension_asked_to),
        "completed_on": _iso(line.completed_on),
        "status": line.status,
        "status_label": STATUS_LABELS[Status(line.status)],
        "timeliness": state.value if state else None,
        "superseded_by": line.superseded_by_id,
        "as_of": as_of.isoformat(),
    }


def write_json_lines(out: IO[str], records: Iterable[dict]) -> int:
    """A JSON array written one record at a time; returns the count."""
    n = 0
    out.write("[")
    for record in records:
        out.write(("\n" if n == 0 else ",\n") + json.dumps(record, ensure_ascii=False))
        n += 1
    out.write("\n]\n" if n else "]\n")
    return n


def write_csv(out: IO[str], records: Iterable[dict]) -> int:
    """CSV with a header from the first record; lists are joined by ``; ``."""
    writer = None
    n = 0
    for record in records:
        if writer is None:
            writer = csv.DictWriter(out, fieldnames=list(record), lineterminator="\n")
            writer.writeheader()
        writer.writerow({k: "; ".join(map(str, v)) if isinstance(v, list) else ("" if v is None else v)
                         for k, v in record.items()})
        n += 1
    return n


def hit_record(hit) -> dict:
    """A search hit, its snippet with the matched words between « »."""
    return {"kind": hit.kind, "id": hit.id, "document_id": hit.document_id, "document": hit.doc_number,
            "document_type": hit.doc_type, "document_date": _iso(hit.doc_date), "title": hit.title,
            "status": hit.status, "score": None if hit.exact else round(hit.score, 4), "exact": hit.exact,
            "snippet": hit.snippet.marked()}
