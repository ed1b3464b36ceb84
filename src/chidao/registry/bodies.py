"""Bodies (cơ quan, đơn vị) with their names, codes, lifetimes and successors."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path

from .schema import (SLUG, Dated, RegistryError, check_keys, date, entries, read_yaml, text, texts,
                     where)

LEVELS = ("central", "province", "department", "district", "commune", "party", "other")


@dataclass(frozen=True)
class Succession:
    """Who takes over a body's work from ``since``; ``field`` marks a partial successor."""

    id: str
    since: dt.date
    note: str | None = None
    field: str | None = None


@dataclass(frozen=True)
class Body(Dated):
    """A body as the registry knows it. ``valid_to`` is the last day it exists."""

    id: str
    name: str
    level: str
    aliases: tuple[str, ...] = ()
    abbr: tuple[str, ...] = ()
    parent: str | None = None
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    successors: tuple[Succession, ...] = ()
    province: str | None = None


@dataclass(frozen=True)
class _Entry:
    body: Body
    file: Path
    index: int


def parse_dir(folder: Path, provinces: set[str]) -> list[Body]:
    """Read every ``*.yaml`` in ``folder``, qualify ids and check all references."""
    files = sorted(folder.glob("*.yaml"))
    if not files:
        raise RegistryError(f"bodies/: no *.yaml files in {folder}")
    items: list[_Entry] = []
    for path in files:
        items.extend(_parse_file(path, provinces))
    return _resolve(items)


def _parse_file(path: Path, provinces: set[str]) -> list[_Entry]:
    data = check_keys(read_yaml(path), {"province", "bodies"}, set(), where(path))
    province = text(data["province"], where(path), "province", optional=True)
    if province is not None and province not in provinces:
        raise RegistryError(f"{where(path)}: province {province!r} is not in provinces.yaml")
    if province is not None and not SLUG.match(path.stem):
        raise RegistryError(f"{where(path)}: a province file needs a slug name like lang-son.yaml")
    prefix = f"{path.stem}/" if province else ""
    result = []
    for i, entry in enumerate(entries(data["bodies"], where(path))):
        label = entry.get("id") if isinstance(entry, dict) else None
        at = where(path, i, label if isinstance(label, str) else None)
        result.append(_Entry(_parse_body(entry, at, prefix, province), path, i))
    return result


def _parse_body(entry: object, at: str, prefix: str, province: str | None) -> Body:
    check_keys(entry, {"id", "name", "level"},
               {"aliases", "abbr", "parent", "valid_from", "valid_to", "successors"}, at)
    body_id = text(entry["id"], at, "id")
    if not SLUG.match(body_id):
        raise RegistryError(f"{at}: id {body_id!r} must be a slug (a-z, 0-9, hyphens)")
    level = text(entry["level"], at, "level")
    if level not in LEVELS:
        raise RegistryError(f"{at}: level must be one of {', '.join(LEVELS)}, got {level!r}")
    valid_from = date(entry.get("valid_from"), at, "valid_from")
    valid_to = date(entry.get("valid_to"), at, "valid_to")
    if valid_from and valid_to and valid_to < valid_from:
        raise RegistryError(f"{at}: valid_to {valid_to} is before valid_from {valid_from}")
    successors = entry.get("successors") or []
    if not isinstance(successors, list):
        raise RegistryError(f"{at}: successors must be a list")
    return Body(
        id=prefix + body_id,
        name=text(entry["name"], at, "name"),
        level=level,
        aliases=texts(entry.get("aliases"), at, "aliases"),
        abbr=texts(entry.get("abbr"), at, "abbr"),
        parent=text(entry.get("parent"), at, "parent", optional=True),
        valid_from=valid_from,
        valid_to=valid_to,
        successors=tuple(_parse_succession(s, f"{at}: successor {k + 1}")
                         for k, s in enumerate(successors)),
        province=province,
    )


def _parse_succession(entry: object, at: str) -> Succession:
    check_keys(entry, {"id", "from"}, {"note", "field"}, at)
    since = date(entry["from"], at, "from")
    if since is None:
        raise RegistryError(f"{at}: `from` must be a date")
    return Succession(text(entry["id"], at, "id"), since,
                      text(entry.get("note"), at, "note", optional=True),
                      text(entry.get("field"), at, "field", optional=True))


def _resolve(items: list[_Entry]) -> list[Body]:
    ids: dict[str, _Entry] = {}
    for item in items:
        if item.body.id in ids:
            first = ids[item.body.id]
            raise RegistryError(f"{_at(item)}: id already used by {where(first.file, first.index)}")
        ids[item.body.id] = item

    def ref(target: str, owner: Body, at: str) -> str:
        prefix = owner.id.rpartition("/")[0]
        local = f"{prefix}/{target}" if prefix else target
        for candidate in (local, target):
            if candidate in ids:
                return candidate
        raise RegistryError(f"{at}: unknown body id {target!r}")

    result = []
    for item in items:
        body = item.body
        at = _at(item)
        parent = ref(body.parent, body, at + ": parent") if body.parent else None
        successors = tuple(replace(s, id=ref(s.id, body, at + ": successor"))
                           for s in body.successors)
        result.append(replace(body, parent=parent, successors=successors))
    by_id = {b.id: b for b in result}
    for item, body in zip(items, result):
        _check_successions(body, by_id, _at(item))
    return result


def _at(item: _Entry) -> str:
    """Where an entry is, named by its id as written in its file."""
    return where(item.file, item.index, item.body.id.rpartition("/")[2])


def _check_successions(body: Body, by_id: dict[str, Body], at: str) -> None:
    if body.successors and body.valid_to is None:
        raise RegistryError(f"{at}: has successors but no valid_to")
    for s in body.successors:
        if s.id == body.id:
            raise RegistryError(f"{at}: is its own successor")
        if s.since <= body.valid_to:
            raise RegistryError(f"{at}: successor {s.id} from {s.since} is not after "
                                f"valid_to {body.valid_to}")
        if not by_id[s.id].active(s.since):
            raise RegistryError(f"{at}: successor {s.id} does not exist on {s.since}")
