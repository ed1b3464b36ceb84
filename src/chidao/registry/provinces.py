"""Provinces and centrally-run cities before and after the 2025 merger."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from .folding import fold
from .schema import Dated, RegistryError, check_keys, date, read_yaml, text, texts, where

KINDS = ("tỉnh", "thành phố")


@dataclass(frozen=True)
class Province(Dated):
    """A province (``tỉnh``) or centrally-run city (``thành phố``)."""

    id: str
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    merged_from: tuple[str, ...] = ()
    merged_into: str | None = None


def slug(name: str) -> str:
    """``Bà Rịa - Vũng Tàu`` → ``ba-ria-vung-tau``."""
    return fold(name).replace(" ", "-")


def parse(path: Path) -> list[Province]:
    """Read and check ``provinces.yaml``."""
    data = check_keys(read_yaml(path), {"merged_on", "before", "after"}, set(), where(path))
    merged_on = date(data["merged_on"], where(path), "merged_on")
    if merged_on is None:
        raise RegistryError(f"{where(path)}: merged_on must be a date")
    last_day = merged_on - dt.timedelta(days=1)
    before = _entries(data["before"], path, "before", set())
    after = _entries(data["after"], path, "after", {"merged_from"})
    by_name = {e["name"]: e for e in before}
    if len(by_name) != len(before):
        raise RegistryError(f"{where(path)}: a name is repeated in `before`")

    olds: dict[str, Province] = {}
    news: list[Province] = []
    fate: dict[str, str] = {}
    for i, entry in enumerate(after):
        at = where(path, i, entry["name"]) + " of `after`"
        sources = entry["merged_from"]
        if not sources:
            if entry["name"] not in by_name:
                raise RegistryError(f"{at}: not merged, so it must also be listed in `before`")
            sources = (entry["name"],)
            new_id = None
        else:
            new_id = slug(entry["name"]) + "-" + str(merged_on.year)
            news.append(Province(new_id, entry["name"], entry["kind"], entry["aliases"],
                                 valid_from=merged_on,
                                 merged_from=tuple(slug(s) for s in sources)))
        for source in sources:
            if source not in by_name:
                raise RegistryError(f"{at}: merged_from names {source!r}, not in `before`")
            if source in fate:
                raise RegistryError(f"{at}: {source!r} is already placed in {fate[source]!r}")
            fate[source] = entry["name"]
            old = by_name[source]
            olds[source] = Province(
                slug(source), source, old["kind"], old["aliases"],
                valid_to=last_day if new_id else None, merged_into=new_id)
    missing = [name for name in by_name if name not in fate]
    if missing:
        raise RegistryError(f"{where(path)}: not placed in `after`: {', '.join(missing)}")
    return [olds[e["name"]] for e in before] + news


def _entries(items: object, path: Path, key: str, extra: set[str]) -> list[dict]:
    if not isinstance(items, list):
        raise RegistryError(f"{where(path)}: `{key}` must be a list")
    result = []
    for i, entry in enumerate(items):
        label = entry.get("name") if isinstance(entry, dict) else None
        at = where(path, i, label if isinstance(label, str) else None) + f" of `{key}`"
        check_keys(entry, {"name", "kind"}, {"aliases"} | extra, at)
        kind = text(entry["kind"], at, "kind")
        if kind not in KINDS:
            raise RegistryError(f"{at}: kind must be one of {', '.join(KINDS)}, got {kind!r}")
        result.append({"name": text(entry["name"], at, "name"), "kind": kind,
                       "aliases": texts(entry.get("aliases"), at, "aliases"),
                       "merged_from": texts(entry.get("merged_from"), at, "merged_from")})
    return result


def qualify(name: str, province: Province) -> str:
    """Add the province to a provincial body's name.

    ``Sở Tài chính`` → ``Sở Tài chính tỉnh Lạng Sơn``; ``Ủy ban nhân dân tỉnh`` →
    ``Ủy ban nhân dân tỉnh Lạng Sơn``; ``Tỉnh ủy`` → ``Tỉnh ủy Lạng Sơn`` (``Thành ủy`` for a
    city); names that already hold the province's name are returned unchanged.
    """
    if fold(province.name) in fold(name):
        return name
    if name == "Tỉnh ủy":
        return ("Tỉnh ủy " if province.kind == "tỉnh" else "Thành ủy ") + province.name
    place = f"{province.kind} {province.name}"
    if name.endswith(" tỉnh"):
        return name[: -len("tỉnh")] + place
    return f"{name} {place}"
