"""The vocabulary of the task grammar (``data/lexicon.yaml``), compiled once."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml


def _alt(words, ci: bool = False) -> str:
    """An alternation of ``words`` as a prefix tree ("Sở(?: Y tế| Tài chính)?"): the regex engine tries
    one branch per letter instead of every word, and still prefers the longest word that fits.
    With ``ci`` the words are lower-cased, for use under ``(?i:…)``."""
    tree: dict = {}
    for word in set(w.lower() if ci else w for w in words):
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _render(tree)


def _lead(words) -> str:
    """A lookahead on the first letters of ``words`` (either case): a scan skips other positions
    before it tries the rest of the pattern."""
    letters = {w[0] for w in words if w} | {w[0].lower() for w in words if w} | {w[0].upper() for w in words if w}
    return "(?=[" + "".join(re.escape(c) for c in sorted(letters)) + "])"


def _render(node: dict) -> str:
    parts = [re.escape(ch) + _render(child) for ch, child in sorted(node.items()) if ch]
    if not parts:
        return ""
    if "" not in node:
        return parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"
    return "(?:" + "|".join(parts) + ")?"


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
        assigning_re=re.compile(r"(?<![\wÀ-ỹ])(?:" + _alt(raw["assigning"], ci=True) + r")(?![\wÀ-ỹ])", re.IGNORECASE),
        generic_leadin=re.compile(raw["generic_leadin"]),
        assessing_sections=re.compile(raw["assessing_sections"]),
        assigning_sections=re.compile(raw["assigning_sections"]),
        cited_openers=re.compile(raw["cited_openers"]),
        continuers=re.compile(r"^(?i:" + _alt(raw["continuers"], ci=True) + r")(?:\s*,\s*|\s+)"),  # "…; đồng thời …"
        surnames=frozenset(raw["surnames"]),
        verbs=(frozenset(raw["verbs"]) | frozenset(raw["boundaries"]) | frozenset(raw["not_directive"])
               | frozenset(raw["duty"])) - frozenset(raw["prepositions"]),
    )
