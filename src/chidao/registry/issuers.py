"""Issuer codes of document symbols: ``NĐ-CP`` → Chính phủ, ``TT-BTC`` → Bộ Tài chính."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .schema import RegistryError, check_keys, entries, flag, read_yaml, text, texts, where


@dataclass(frozen=True)
class Issuer:
    """An issuer code and the body it stands for."""

    codes: tuple[str, ...]
    issuer: str
    provincial: bool = False
    context: str | None = None


def parse_issuers(path: Path) -> list[Issuer]:
    """Read and check ``issuers.yaml``; a code may appear once."""
    result, seen = [], {}
    for i, entry in enumerate(entries(read_yaml(path), where(path))):
        label = entry.get("code") if isinstance(entry, dict) else None
        at = where(path, i, label if isinstance(label, str) else None)
        check_keys(entry, {"code", "issuer"}, {"provincial", "context"}, at)
        codes = texts(entry["code"], at, "code")
        if not codes:
            raise RegistryError(f"{at}: code is empty")
        for code in codes:
            if code in seen:
                raise RegistryError(f"{at}: code {code!r} already in entry {seen[code] + 1}")
            seen[code] = i
        result.append(Issuer(codes, text(entry["issuer"], at, "issuer"),
                             flag(entry.get("provincial"), at, "provincial"),
                             text(entry.get("context"), at, "context", optional=True)))
    return result
