"""quote_regions visits only marks and line breaks: same result as a walk over every character."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.components.sentences import OPEN_CLOSE, _merge, quote_regions


def walk_every_char(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The rule spelled out character by character (the reference)."""
    regions, stack, straight = [], [], None
    for i in range(start, end):
        ch = text[i]
        if ch in OPEN_CLOSE:
            stack.append((OPEN_CLOSE[ch], i))
        elif stack and ch == stack[-1][0]:
            _, pos = stack.pop()
            if not stack and straight is None:
                regions.append((pos, i))
        elif ch in "»”›" and stack and any(c == ch for c, _ in stack):
            while stack and stack[-1][0] != ch:
                stack.pop()
            _, pos = stack.pop()
            if not stack:
                regions.append((pos, i))
        elif ch == '"' and not stack:
            if straight is None:
                straight = i
            else:
                regions.append((straight, i))
                straight = None
        elif ch == "\n":
            stack.clear()
            straight = None
    return _merge(regions)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet='«»“”‹›"\n قال. ab', max_size=80), st.integers(0, 80), st.integers(0, 80))
def test_sentences_quote_regions_equal_char_walk(text, a, b):
    start, end = min(a, b, len(text)), min(max(a, b), len(text))
    assert quote_regions(text, start, end) == walk_every_char(text, start, end)


def test_sentences_quote_regions_examples():
    text = 'قال «هذا "نص" مهم» ثم “آخر” و"ثالث'
    assert [text[a:b + 1] for a, b in quote_regions(text)] == ['«هذا "نص" مهم»', "“آخر”"]
    assert quote_regions("«سطر\nآخر»") == []
