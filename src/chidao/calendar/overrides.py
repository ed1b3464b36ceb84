"""The project-owned table of public-sector days off and worked days (``days_off.yaml``).

The file maps a year to two lists, ``days_off`` (extra days off: full Tết breaks, bridge
days) and ``working_days`` (worked days, such as a Saturday swapped for a bridge day)::

    2024:
      days_off:
        - {date: 2024-02-08, until: 2024-02-14, reason: "Tết Nguyên đán", source: "..."}
      working_days:
        - {date: 2024-05-04, reason: "Làm bù cho thứ Hai 29/4/2024", source: "2450/VPCP-KGVX"}

``until`` (inclusive) makes an entry a range; ``source`` is optional. An entry must touch
its year. A date may appear once per file. Files given later override earlier ones date
by date, so an administrator's file can add, change or cancel entries of the bundled one.
"""
from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

ENV_VAR = "CHIDAO_DAYS_OFF"
_LISTS = ("days_off", "working_days")
_ENTRY_KEYS = {"date", "until", "reason", "source"}
_MAX_RANGE_DAYS = 31


class DaysOffError(ValueError):
    """The days-off table is malformed; the message names the file and the entry."""


@dataclass(frozen=True)
class Overrides:
    """Dates the public sector does not work (``off``) or does work (``work``), with reasons."""

    off: Mapping[date, str] = field(default_factory=dict)
    work: Mapping[date, str] = field(default_factory=dict)

    def merged(self, later: Overrides) -> Overrides:
        """This table with ``later`` laid over it: a date takes ``later``'s status."""
        off = {d: r for d, r in self.off.items() if d not in later.work}
        work = {d: r for d, r in self.work.items() if d not in later.off}
        off.update(later.off)
        work.update(later.work)
        return Overrides(MappingProxyType(off), MappingProxyType(work))


def bundled_path() -> Path:
    """Path of the table shipped with chidao."""
    return Path(str(resources.files("chidao.registry") / "data" / "days_off.yaml"))


def load_overrides(path: str | os.PathLike) -> Overrides:
    """Read and validate one table file."""
    name = str(path)
    try:
        raw = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise DaysOffError(f"{name}: cannot read the days-off table ({exc})") from exc
    try:
        data = yaml.safe_load(raw)
    except yaml.YAMLError as exc:
        raise DaysOffError(f"{name}: not valid YAML ({exc})") from exc
    return parse_overrides(data, name)


def default_overrides(environ: Mapping[str, str] | None = None) -> Overrides:
    """The bundled table, with the file named by ``$CHIDAO_DAYS_OFF`` (if set) laid over it."""
    environ = os.environ if environ is None else environ
    table = load_overrides(bundled_path())
    extra = environ.get(ENV_VAR, "").strip()
    if extra:
        table = table.merged(load_overrides(extra))
    return table


def parse_overrides(data: Any, name: str = "<days-off table>") -> Overrides:
    """Validate the parsed YAML ``data`` of file ``name`` and build the table."""
    if data is None:
        return Overrides()
    if not isinstance(data, dict):
        raise DaysOffError(f"{name}: the top level must map years to {' and '.join(_LISTS)}")
    seen: dict[date, str] = {}
    tables: dict[str, dict[date, str]] = {kind: {} for kind in _LISTS}
    for year, body in data.items():
        if not isinstance(year, int) or isinstance(year, bool) or not 1900 <= year <= 2200:
            raise DaysOffError(f"{name}: {year!r} is not a year")
        if body is None:
            continue
        if not isinstance(body, dict) or set(body) - set(_LISTS):
            raise DaysOffError(f"{name}: year {year} may hold only {' and '.join(_LISTS)}")
        for kind in _LISTS:
            entries = body.get(kind) or []
            if not isinstance(entries, list):
                raise DaysOffError(f"{name}: year {year}, '{kind}' must be a list")
            for i, entry in enumerate(entries, 1):
                where = f"{name}: year {year}, {kind} entry {i}"
                for d, reason in _expand(entry, year, where):
                    if d in seen:
                        raise DaysOffError(f"{where}: {d} is already listed ({seen[d]})")
                    seen[d] = f"{kind} entry of {year}"
                    tables[kind][d] = reason
    return Overrides(MappingProxyType(tables["days_off"]), MappingProxyType(tables["working_days"]))


def _expand(entry: Any, year: int, where: str) -> list[tuple[date, str]]:
    if not isinstance(entry, dict):
        raise DaysOffError(f"{where}: must be a mapping with 'date' and 'reason'")
    unknown = set(entry) - _ENTRY_KEYS
    if unknown:
        raise DaysOffError(f"{where}: unknown key(s) {', '.join(sorted(map(str, unknown)))}")
    first = _as_date(entry.get("date"), "date", where)
    last = _as_date(entry["until"], "until", where) if entry.get("until") is not None else first
    reason = entry.get("reason")
    if not isinstance(reason, str) or not reason.strip():
        raise DaysOffError(f"{where}: 'reason' must be a non-empty text")
    source = entry.get("source")
    if source is not None and not isinstance(source, str):
        raise DaysOffError(f"{where}: 'source' must be a text")
    if last < first:
        raise DaysOffError(f"{where}: 'until' {last} is before 'date' {first}")
    if (last - first).days >= _MAX_RANGE_DAYS:
        raise DaysOffError(f"{where}: a range may span at most {_MAX_RANGE_DAYS} days")
    if year not in (first.year, last.year):
        raise DaysOffError(f"{where}: {first}..{last} does not touch the year {year}")
    reason = reason.strip()
    return [(first + timedelta(k), reason) for k in range((last - first).days + 1)]


def _as_date(value: Any, key: str, where: str) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise DaysOffError(f"{where}: '{key}' must be a date written YYYY-MM-DD, not {value!r}")
