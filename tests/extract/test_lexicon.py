"""Word lists compiled as prefix trees match exactly what the plain alternation of the words,
longest first, would match."""
from __future__ import annotations

import re

from hypothesis import given, settings, strategies as st

from chidao.extract.lexicon import _alt

WORDS = st.lists(st.text(alphabet="aàbcsởSỞ đ.", min_size=1, max_size=6), min_size=1, max_size=12)


def _plain(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@settings(max_examples=300, deadline=None)
@given(words=WORDS, text=st.text(alphabet="aàbcsởSỞ đ.x", max_size=30), ci=st.booleans())
def test_a_prefix_tree_matches_like_the_longest_first_alternation(words, text, ci):
    flags = re.IGNORECASE if ci else 0
    tree = re.compile(r"(?:" + _alt(words, ci) + r")(?![\wÀ-ỹ])", flags)
    plain = re.compile(r"(?:" + _plain(words) + r")(?![\wÀ-ỹ])", flags)
    for pos in range(len(text) + 1):
        a, b = tree.match(text, pos), plain.match(text, pos)
        assert (a and a.span()) == (b and b.span())
