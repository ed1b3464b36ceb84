"""Expanding abbreviations in names of bodies, through the registry's abbreviation table."""
from __future__ import annotations


def expand(name: str) -> str:
    """``UBND huyện Bình Gia`` → ``Ủy ban nhân dân huyện Bình Gia`` (unchanged when no table)."""
    try:
        from chidao.registry import expand_abbreviations
    except ImportError:
        return name
    return expand_abbreviations(name)
