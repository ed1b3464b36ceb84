"""Abbreviations inside names of bodies, and their token-aware expansion."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .folding import fold
from .schema import RegistryError, check_keys, entries, flag, read_yaml, text, texts, where

_GLUE = re.compile(r"\s*([&,\-–])\s*")
_SPACES = re.compile(r"\s+")
_LOOKAHEAD_CHARS = 80


@dataclass(frozen=True)
class Abbreviation:
    """One abbreviation: its spellings, the expansion, and when it applies.

    ``before`` (folded) limits the entry to names where the following words start with
    one of these; an entry without ``before`` is the default reading of its spellings.
    ``in_caps`` false: left alone in text without lower case, where it may be a word
    ("ĐẦU TƯ").
    """

    spellings: tuple[str, ...]
    expansion: str
    context: str | None = None
    before: tuple[str, ...] = ()
    in_caps: bool = True


def squeeze(spelling: str) -> str:
    """The lookup key of a spelling: no space around ``& , -``, one space elsewhere."""
    glued = _GLUE.sub(lambda m: m.group(1).replace("–", "-"), spelling.strip())
    return _SPACES.sub(" ", glued)


def parse(path: Path) -> list[Abbreviation]:
    """Read and check ``abbreviations.yaml``."""
    result = []
    for i, entry in enumerate(entries(read_yaml(path), where(path))):
        label = entry.get("abbr") if isinstance(entry, dict) else None
        at = where(path, i, label if isinstance(label, str) else None)
        check_keys(entry, {"abbr", "expansion"}, {"context", "before", "in_caps"}, at)
        spellings = texts(entry["abbr"], at, "abbr")
        if not spellings:
            raise RegistryError(f"{at}: abbr is empty")
        result.append(Abbreviation(
            spellings=spellings,
            expansion=text(entry["expansion"], at, "expansion"),
            context=text(entry.get("context"), at, "context", optional=True),
            before=tuple(fold(b) for b in texts(entry.get("before"), at, "before")),
            in_caps=entry.get("in_caps") is None or flag(entry["in_caps"], at, "in_caps"),
        ))
    _check_defaults(result, path)
    return result


def _check_defaults(items: list[Abbreviation], path: Path) -> None:
    seen: dict[str, int] = {}
    for i, item in enumerate(items):
        if item.before:
            continue
        for spelling in item.spellings:
            key = squeeze(spelling)
            if key in seen:
                raise RegistryError(
                    f"{where(path, i, spelling)}: {spelling!r} already has a default expansion"
                    f" in entry {seen[key] + 1}; add `before` to one of them")
            seen[key] = i


def _pattern(spelling: str) -> str:
    parts = []
    for ch in squeeze(spelling):
        if ch == "&":
            parts.append(r"\s*&\s*")
        elif ch == "-":
            parts.append(r"\s*[-–]\s*")
        elif ch == ",":
            parts.append(r"\s*,\s*")
        elif ch == " ":
            parts.append(r"\s+")
        else:
            parts.append(re.escape(ch))
    if spelling[-1].isalnum():
        parts.append(r"(?![\w&/])(?![-–]\w)")
    return "".join(parts)


class Expander:
    """Expands known abbreviations that stand as whole tokens in a name."""

    def __init__(self, items: list[Abbreviation]):
        self._readings: dict[str, list[Abbreviation]] = {}
        for item in items:
            for spelling in item.spellings:
                self._readings.setdefault(squeeze(spelling), []).append(item)
        spellings = sorted(self._readings, key=len, reverse=True)
        alternatives = "|".join(_pattern(s) for s in spellings) or r"(?!)"
        self._regex = re.compile(rf"(?<![\w&/])(?<!\w-)(?:{alternatives})")

    @property
    def defaults(self) -> dict[str, str]:
        """Spelling → expansion for spellings with an unconditional reading."""
        return {key: item.expansion for key, readings in self._readings.items()
                for item in readings if not item.before}

    def __call__(self, name: str) -> str:
        name = unicodedata.normalize("NFC", name)
        caps = not any(ch.islower() for ch in name)
        return self._regex.sub(lambda m: self._replace(m, name, caps), name)

    def _replace(self, match: re.Match, name: str, caps: bool) -> str:
        following = fold(name[match.end():match.end() + _LOOKAHEAD_CHARS]) + " "
        readings = [r for r in self._readings[squeeze(match.group(0))] if r.in_caps or not caps]
        chosen = next((r for r in readings
                       if any(following.startswith(b + " ") for b in r.before)), None)
        if chosen is None:
            chosen = next((r for r in readings if not r.before), None)
        if chosen is None:
            return match.group(0)
        glue = " " if match.end() < len(name) and name[match.end()].isalnum() else ""
        return chosen.expansion + glue
