"""Kinds of documents (``data/doctypes.yaml``): names, symbol codes and variants."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .schema import check_keys, entries, read_yaml, text, texts, where

DOCTYPES_FILE = Path(__file__).parent / "data" / "doctypes.yaml"


@dataclass(frozen=True)
class DocType:
    """A kind of document: name, symbol code, and other codes and names used for it."""

    name: str
    code: str | None
    also_codes: tuple[str, ...] = ()
    also_names: tuple[str, ...] = ()


def parse(path: Path) -> list[DocType]:
    """Read and check a doctypes file."""
    result = []
    for i, entry in enumerate(entries(read_yaml(path), where(path))):
        label = entry.get("name") if isinstance(entry, dict) else None
        at = where(path, i, label if isinstance(label, str) else None)
        check_keys(entry, {"name", "code"}, {"also_codes", "also_names"}, at)
        result.append(DocType(text(entry["name"], at, "name"),
                              text(entry["code"], at, "code", optional=True),
                              texts(entry.get("also_codes"), at, "also_codes"),
                              texts(entry.get("also_names"), at, "also_names")))
    return result


@lru_cache(maxsize=1)
def doc_types() -> tuple[DocType, ...]:
    """The package's kinds of documents, without loading the rest of the registry."""
    return tuple(parse(DOCTYPES_FILE))
