"""Reading and checking the registry's YAML files; every error names file and entry."""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path
from typing import Any

import yaml

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class Dated:
    """What a registry entry with ``name``, ``aliases``, ``valid_from`` and ``valid_to`` can say."""

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)

    def active(self, at: dt.date) -> bool:
        """Whether the entry exists on ``at``."""
        return ((self.valid_from is None or self.valid_from <= at)
                and (self.valid_to is None or at <= self.valid_to))


class RegistryError(ValueError):
    """A data file of the registry is missing, malformed or inconsistent."""


def where(path: Path, index: int | None = None, label: str | None = None) -> str:
    """``file.yaml``, ``file.yaml: entry 3``, or ``file.yaml: entry 3 (so-tai-chinh)``."""
    text = path.name if path.parent.name != "bodies" else f"bodies/{path.name}"
    if index is not None:
        text += f": entry {index + 1}"
        if label:
            text += f" ({label})"
    return text


def read_yaml(path: Path) -> Any:
    """Parse a UTF-8 YAML file, reporting syntax errors with the file name."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise RegistryError(f"{where(path)}: cannot read: {exc}") from None
    try:
        return yaml.load(raw.decode("utf-8"), Loader=_Loader)
    except UnicodeDecodeError as exc:
        raise RegistryError(f"{where(path)}: not UTF-8: {exc}") from None
    except yaml.YAMLError as exc:
        raise RegistryError(f"{where(path)}: YAML error: {exc}") from None


def check_keys(entry: Any, required: set[str], optional: set[str], at: str) -> dict:
    """Return ``entry`` if it is a mapping with the required keys and no unknown ones."""
    if not isinstance(entry, dict):
        raise RegistryError(f"{at}: expected a mapping, got {type(entry).__name__}")
    missing = required - entry.keys()
    if missing:
        raise RegistryError(f"{at}: missing key(s) {', '.join(sorted(missing))}")
    unknown = entry.keys() - required - optional
    if unknown:
        raise RegistryError(f"{at}: unknown key(s) {', '.join(sorted(map(str, unknown)))}")
    return entry


def text(value: Any, at: str, key: str, *, optional: bool = False) -> str | None:
    """A non-empty NFC string (or None when ``optional``)."""
    if value is None and optional:
        return None
    if not isinstance(value, str) or not value.strip():
        raise RegistryError(f"{at}: {key} must be a non-empty string, got {value!r}")
    if unicodedata.normalize("NFC", value) != value:
        raise RegistryError(f"{at}: {key} {value!r} is not in Unicode NFC")
    return value.strip()


def texts(value: Any, at: str, key: str) -> tuple[str, ...]:
    """A string or a list of strings (absent: empty)."""
    if value is None:
        return ()
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list):
        raise RegistryError(f"{at}: {key} must be a string or a list of strings")
    return tuple(text(v, at, key) for v in items)


def date(value: Any, at: str, key: str) -> dt.date | None:
    """An ISO date (YAML date or string) or None."""
    if value is None or isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise RegistryError(f"{at}: {key} must be an ISO date (YYYY-MM-DD) or null, got {value!r}")


def flag(value: Any, at: str, key: str) -> bool:
    """A boolean (absent: False)."""
    if value is None:
        return False
    if not isinstance(value, bool):
        raise RegistryError(f"{at}: {key} must be true or false, got {value!r}")
    return value


def entries(data: Any, at: str) -> list:
    """The top-level list of a file."""
    if not isinstance(data, list):
        raise RegistryError(f"{at}: expected a list of entries")
    return data
