"""The document-kind table (``data/doctypes.yaml``)."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml


@dataclass(frozen=True)
class DocType:
    name: str
    code: str | None
    also_codes: tuple[str, ...] = ()
    also_names: tuple[str, ...] = ()


@lru_cache(maxsize=1)
def doc_types() -> tuple[DocType, ...]:
    raw = yaml.safe_load(resources.files("chidao.registry").joinpath("data/doctypes.yaml").read_text("utf-8"))
    return tuple(DocType(name=e["name"], code=e.get("code"), also_codes=tuple(e.get("also_codes") or ()),
                         also_names=tuple(e.get("also_names") or ())) for e in raw)
