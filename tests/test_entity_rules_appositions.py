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


def quoted(text: str) -> list[tuple[str, str]]:
    return [(text[m.start:m.end], m.type) for m in _patterns().find_quoted(text, tokenize(text))]


@pytest.mark.parametrize("text, want", [
    ('في بيان بثه موقع "السومرية نيوز" الإخباري', [("السومرية نيوز", "ORG")]),
    ("وقال لصحيفة «الحياة» إن", [("الحياة", "ORG")]),
    ("نزل في فندق «ريتز كارلتون»، ثم", [("ريتز كارلتون", "FAC")]),
    ("أطلق التحالف عملية «عاصفة الحزم»", []),              # an operation is no organisation
    ('لمهاجمة فريق "إسرائيلي" أمس', []),                    # an adjective in quotes
    ("وأشارت الصحيفة «الإسبانية» إلى", []),                 # (agreeing with a definite noun)
    ("وقال لقناة «العربية» إن", [("العربية", "ORG")]),      # a name in construct
    ("نشرت صحيفة «إن هذا الأمر لا يمكن أن يستمر طويلا في رأي الجميع»", []),   # too long
])
def test_entity_rules_quoted_name_after_noun(text, want):
    assert quoted(text) == want


def coordinated(text: str, after: str) -> list[str]:
    pc = _person_cues(load_kb())
    end = text.index(after) + len(after)
    return [text[m.start:m.end] for m in pc.find_coordinated(text, tokenize(text), [end])]


@pytest.mark.parametrize("text, after, want", [
    ("إن مصطفى بدر الدين وإبراهيم عقيل وفؤاد شكر، وهم مسؤولون", "مصطفى بدر الدين",
     ["إبراهيم عقيل", "فؤاد شكر"]),
    ("التقى بوتين ورئيس الوزراء", "بوتين", []),            # a title, not a name
    ("ثم رأيناهم يستهدفون عباد الله ويقتلون المسلمين، ويزعمون", "عباد الله", []),   # a verb
    ("صاحب السمو الأمير محمد بن نايف وزير الداخلية", "محمد بن نايف", []),   # وزير is a word
    ("وصل أحمد وعائلته", "أحمد", []),                      # one word, an ordinary noun
])
def test_entity_rules_coordinated_person_names(text, after, want):
    assert coordinated(text, after) == want


@pytest.mark.parametrize("text, want", [
    ("شن هجمات على القوات العراقية في بيجي شمال صلاح الدين، ومناطق", ["بيجي"]),
    ("وقالت مصادر محلية في حصيبة الشرقية غرب الأنبار", ["حصيبة الشرقية"]),
    ("وصلت إلى الطريق شمال المدينة", []),                   # an ordinary word
    ("غارات مكثفة على مواقع في جبال شمال العراق", []),       # a plural place noun
    ("وعززت القوات من إجراءاتها شرق القناة", []),           # a word with a pronoun
])
def test_entity_rules_place_before_compass_word(text, want):
    pm = _patterns()
    assert [text[m.start:m.end] for m in pm.find_before_compass(text, tokenize(text))] == want
