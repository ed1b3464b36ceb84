"""The registry of bodies copied into the store (so that SQL can join on it)."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass

from sqlalchemy import Connection, delete, insert, select, update

from chidao.registry import Registry, fold
from chidao.store.models import BodyRow, Meta, SuccessionRow

FINGERPRINT_KEY = "registry.bodies"


def registry_fingerprint(registry: Registry) -> str:
    """A hash of everything about the bodies that the store keeps."""
    digest = hashlib.sha256()
    for b in registry.bodies:
        digest.update(json.dumps([b.id, b.name, b.level, b.province, b.parent, list(b.aliases),
                                  list(b.abbr), str(b.valid_from), str(b.valid_to),
                                  [[s.id, str(s.since), s.field, s.note] for s in b.successors]],
                                 ensure_ascii=False).encode())
    return digest.hexdigest()


def stored_fingerprint(conn: Connection) -> str | None:
    """The fingerprint of the last sync, or None (also before the first migration)."""
    from sqlalchemy import inspect
    if not inspect(conn).has_table(Meta.__tablename__):
        return None
    return conn.scalar(select(Meta.value).where(Meta.key == FINGERPRINT_KEY))


def sync_bodies(conn: Connection, registry: Registry, fingerprint: str) -> None:
    """Insert or update every body of the registry and replace the successions.

    Bodies that left the registry stay (tasks may point at them).
    """
    existing = set(conn.scalars(select(BodyRow.id)))
    rows = [_row(b) for b in registry.bodies]
    new = [r for r in rows if r["id"] not in existing]
    if new:
        conn.execute(insert(BodyRow), new)
    for r in rows:
        if r["id"] in existing:
            conn.execute(update(BodyRow).where(BodyRow.id == r["id"]).values(**r))
    conn.execute(delete(SuccessionRow))
    successions = [dict(body_id=b.id, position=i, successor_id=s.id, since=s.since, field=s.field,
                        note=s.note)
                   for b in registry.bodies for i, s in enumerate(b.successors)]
    if successions:
        conn.execute(insert(SuccessionRow), successions)
    if conn.scalar(select(Meta.key).where(Meta.key == FINGERPRINT_KEY)) is None:
        conn.execute(insert(Meta).values(key=FINGERPRINT_KEY, value=fingerprint))
    else:
        conn.execute(update(Meta).where(Meta.key == FINGERPRINT_KEY).values(value=fingerprint))


def _row(b) -> dict:
    return dict(id=b.id, name=b.name, name_key=fold(b.name), level=b.level, province=b.province,
                parent_id=b.parent, aliases=list(b.aliases), abbr=list(b.abbr),
                valid_from=b.valid_from, valid_to=b.valid_to)


@dataclass(frozen=True)
class StoredBody:
    """A body as the store holds it, with its successions."""

    id: str
    name: str
    level: str
    province: str | None
    aliases: tuple[str, ...]
    valid_from: dt.date | None
    valid_to: dt.date | None
    successors: tuple[tuple[str, dt.date, str | None], ...]  # (id, since, field)

    def active(self, at: dt.date) -> bool:
        return ((self.valid_from is None or self.valid_from <= at)
                and (self.valid_to is None or at <= self.valid_to))


def load_bodies(session) -> dict[str, StoredBody]:
    """Every stored body by id."""
    successions: dict[str, list] = {}
    for s in session.execute(select(SuccessionRow).order_by(SuccessionRow.body_id,
                                                            SuccessionRow.position)).scalars():
        successions.setdefault(s.body_id, []).append((s.successor_id, s.since, s.field))
    return {b.id: StoredBody(b.id, b.name, b.level, b.province, tuple(b.aliases or ()), b.valid_from,
                             b.valid_to, tuple(successions.get(b.id, ())))
            for b in session.execute(select(BodyRow).order_by(BodyRow.id)).scalars()}
