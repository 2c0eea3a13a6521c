"""Places after a dual designator (محافظتي X وY) and names between a verb of saying and a
comma + role noun (كشف إيهاب حمودة، سفير مصر)."""
from __future__ import annotations

import pytest

from marsad.components.entity_rules import _patterns, _person_cues
from marsad.kb import load_kb
from marsad.kb.text import tokenize


def duals(text: str) -> list[tuple[str, str]]:
    return [(text[m.start:m.end], m.type) for m in _patterns().find_duals(text, tokenize(text))]


def appositions(text: str) -> list[str]:
    pc = _person_cues(load_kb())
    return [text[m.start:m.end] for m in pc.find_appositions(text, tokenize(text))]


@pytest.mark.parametrize("text, want", [
    ("الخط الرابط بين محافظتي قعطبة وإب، كما استهدف", [("قعطبة", "GPE"), ("إب", "GPE")]),
    ("كانوا في منطقتي خور مكسر وكريتر بعدن", [("خور مكسر", "LOC"), ("كريتر", "LOC")]),
    ("استهدفت المصلين في قريتي الدالوه والقديح، واستهداف", [("الدالوه", "GPE"), ("القديح", "GPE")]),
    ("في منطقتي الشمال والجنوب", []),                    # ordinary words
    ("في محافظتي عمران", []),                             # one name only
    ("بين مدينتي الرياض وسيكشف", []),                     # a verb, not a second name
])
def test_entity_rules_dual_designator(text, want):
    assert duals(text) == want


@pytest.mark.parametrize("text, want", [
    ("كشف إيهاب حمودة، سفير مصر لدى دولة الإمارات، عن", ["إيهاب حمودة"]),
    ("وقال جيرمي بن عمي، رئيس منظمة «جي ستريت»", ["جيرمي بن عمي"]),
    ("وقال محمد، وزير الخارجية", []),                     # one word: too often not a name
    ("وأكد الرئيس الأمريكي، باراك أوباما", []),           # a title, not a name
    ("وقال إيهاب حمودة، إن الوفد وصل", []),               # no role noun after the comma
    ("وقال إيهاب حمودة سفير مصر", []),                    # no comma
])
def test_entity_rules_person_apposition(text, want):
    assert appositions(text) == want
