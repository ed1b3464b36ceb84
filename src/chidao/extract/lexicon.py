"""The vocabulary of the task grammar (``data/lexicon.yaml``), compiled once."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@dataclass(frozen=True)
class Lexicon:
    heads: tuple[str, ...]
    roles: tuple[str, ...]
    levels: tuple[str, ...]
    group_nouns: tuple[str, ...]
    group_qualifiers: tuple[str, ...]
    group_qualifiers_dropped: frozenset[str]
    boundaries: frozenset[str]
    name_phrases: tuple[str, ...]
    not_directive: re.Pattern
    duty: re.Pattern
    assigning: tuple[str, ...]
    assigning_re: re.Pattern
    generic_leadin: re.Pattern
    assessing_sections: re.Pattern
    assigning_sections: re.Pattern
    cited_openers: re.Pattern
    continuers: re.Pattern
    surnames: frozenset[str]
    verbs: frozenset[str]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    raw = yaml.safe_load(resources.files("chidao.extract").joinpath("data/lexicon.yaml").read_text("utf-8"))
    return Lexicon(
        heads=tuple(raw["heads"]),
        roles=tuple(raw["roles"]),
        levels=tuple(raw["levels"]),
        group_nouns=tuple(raw["group_nouns"]),
        group_qualifiers=tuple(raw["group_qualifiers"]),
        group_qualifiers_dropped=frozenset(raw["group_qualifiers_dropped"]),
        boundaries=frozenset(raw["boundaries"]),
        name_phrases=tuple(raw["name_phrases"]) + tuple("các " + p for p in raw["name_phrases"] if not p.startswith("các ")),
        not_directive=re.compile(r"^(?:" + _alt(raw["not_directive"]) + r")(?![\wÀ-ỹ])"),
        duty=re.compile(r"^(?:" + _alt(raw["duty"]) + r")(?![\wÀ-ỹ])"),
        assigning=tuple(raw["assigning"]),
        assigning_re=re.compile(r"(?<![\wÀ-ỹ])(?:" + _alt(raw["assigning"]) + r")(?![\wÀ-ỹ])", re.IGNORECASE),
        generic_leadin=re.compile(raw["generic_leadin"]),
        assessing_sections=re.compile(raw["assessing_sections"]),
        assigning_sections=re.compile(raw["assigning_sections"]),
        cited_openers=re.compile(raw["cited_openers"]),
        continuers=re.compile(r"^(?:" + _alt(raw["continuers"]) + r")(?:\s*,\s*|\s+)"),
        surnames=frozenset(raw["surnames"]),
        verbs=(frozenset(raw["verbs"]) | frozenset(raw["boundaries"]) | frozenset(raw["not_directive"])
               | frozenset(raw["duty"])) - frozenset(raw["prepositions"]),
    )
