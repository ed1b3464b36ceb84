"""Document numbers and symbols: normalising and reading what the symbol says."""
from __future__ import annotations

import re

_SPACES = re.compile(r"\s+")


def normalize_number(number: str) -> str:
    """``3485 /VP-KT`` → ``3485/VP-KT``; spaces and trailing dots removed."""
    return _SPACES.sub("", number).rstrip(".")


def symbol_parts(number: str) -> tuple[str | None, str | None]:
    """The kind code and the issuer code of a symbol.

    ``1101/QĐ-UBND`` → (QĐ, UBND); ``46-NQ/TU`` → (NQ, TU); ``24/2023/NĐ-CP`` → (NĐ, CP);
    ``926/UBND-KT`` (a công văn) → (None, UBND); ``88/2019/QH14`` → (None, QH14).
    """
    number = normalize_number(number)
    party = re.fullmatch(r"\d+-([^/]+)/(.+)", number)
    if party:
        return party.group(1), party.group(2)
    parts = number.split("/")
    tail = parts[-1] if len(parts) > 1 else ""
    if not tail:
        return None, None
    pieces = tail.split("-")
    from chidao.registry.doctypes import doc_types  # local: avoids a cycle at import
    codes = {c.upper() for t in doc_types() for c in (t.code, *t.also_codes) if c}
    if len(pieces) >= 2 and pieces[0].upper() in codes:
        return pieces[0], "-".join(pieces[1:])
    return None, tail


def issuer_from_symbol(number: str, province: str | None = None) -> str | None:
    """The issuer a symbol's convention fixes (TTg, NĐ-CP, TT-BTC, QH14, -NQ/TU…), if known."""
    _, code = symbol_parts(number)
    if not code:
        return None
    try:
        from chidao.registry import load
        registry = load()
    except Exception:  # registry not available: the symbol alone says nothing more
        return None
    finder = getattr(registry, "issuer_for_code", None)
    return finder(code, province) if finder else None
