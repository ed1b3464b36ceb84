"""Reading body names typed by a user: the registry first, then names tasks carry."""
from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass

from chidao.registry import Registry, fold
from chidao.store.db import Store
from chidao.store.tasks import all_name_keys, known_name_keys
from chidao.tracking.errors import BadInput
from chidao.tracking.prepare import default_province
from chidao.tracking.succession import held_by


@dataclass(frozen=True)
class NamedBody:
    """A body a user named: its canonical name and registry id (None for a collective)."""

    name: str
    name_key: str
    body_id: str | None


def resolve_name(store: Store, registry: Registry, name: str, *, province: str | None = None,
                 at: dt.date | None = None) -> NamedBody:
    """The body ``name`` stands for, or :class:`BadInput` naming close matches."""
    if not name or not name.strip():
        raise BadInput("Tên cơ quan trống.")
    province = province or default_province()
    body = (registry.find_body(name, at=at, province=province) if at else None) \
        or registry.find_body(name, province=province)
    if body is not None:
        return NamedBody(body.name, fold(body.name), body.id)
    key = fold(name)
    with store.read() as session:
        if key in known_name_keys(session, [key]):
            spelled = next((n for k, n in all_name_keys(session) if k == key), name)
            return NamedBody(spelled, key, None)
        candidates = {k: n for k, n in all_name_keys(session)}
    candidates.update({fold(b.name): b.name for b in registry.bodies
                       if b.province in (province, None)})
    close = difflib.get_close_matches(key, list(candidates), n=3, cutoff=0.6)
    hint = f" Có phải: {'; '.join(candidates[k] for k in close)}?" if close else ""
    raise BadInput(f"Không biết cơ quan “{name}” (không có trong danh mục cơ quan).{hint}")


def body_filter(store: Store, registry: Registry, name: str, as_of: dt.date) -> tuple[frozenset[str], frozenset[str], NamedBody]:
    """(body ids, folded names) whose tasks belong to ``name`` on ``as_of``: the body, the
    bodies whose work it has taken over by then, and the name itself as tasks carry it."""
    named = resolve_name(store, registry, name, at=as_of)
    ids = frozenset(held_by(registry, named.body_id, as_of)) if named.body_id else frozenset()
    keys = frozenset() if named.body_id else frozenset({named.name_key})
    return ids, keys, named
