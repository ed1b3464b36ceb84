"""Who holds a body's work on a given day, after mergers (the 2025 reorganisation)."""
from __future__ import annotations

import datetime as dt
from functools import lru_cache

from chidao.registry import Body, Registry


def holders(registry: Registry, body_id: str, at: dt.date) -> tuple[Body, ...]:
    """The bodies that hold ``body_id``'s work on ``at`` (the body itself while it exists).

    When nobody holds it (no successor recorded), the body itself is given.
    """
    return _holders(registry, body_id, at)


@lru_cache(maxsize=4096)
def _holders(registry: Registry, body_id: str, at: dt.date) -> tuple[Body, ...]:
    try:
        found = registry.successors(body_id, at)
    except KeyError:
        return ()
    return tuple(found) or (registry.body(body_id),)


def held_by(registry: Registry, body_id: str, at: dt.date) -> set[str]:
    """Ids of every body whose work ``body_id`` holds on ``at``, itself included."""
    return {b.id for b in registry.bodies if body_id in {h.id for h in holders(registry, b.id, at)}} | {body_id}


def holder_label(registry: Registry, body_id: str, at: dt.date) -> str | None:
    """``"Sở Tài chính"`` when the work of ``body_id`` lies elsewhere on ``at``; else None."""
    found = holders(registry, body_id, at)
    if not found or [b.id for b in found] == [body_id]:
        return None
    return "; ".join(b.name for b in found)
