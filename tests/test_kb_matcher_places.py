"""Dictionary matcher: governorates, attested city names, exact short names, clubs in sport
articles, bounded memo; and the KB file is replaced atomically."""
from __future__ import annotations

import gzip
import json

import pytest

from marsad.components.linking import EntityLinker
from marsad.document import Article, ArticleMeta
from marsad.kb import load_kb
from marsad.kb import matcher as M
from marsad.kb.build import write_kb
from marsad.kb.text import tokenize


@pytest.fixture(scope="module")
def matcher():
    return M.DictionaryMatcher(load_kb())


def found(matcher, text: str) -> list[tuple[str, str]]:
    return [(text[m.start:m.end], m.kb_id) for m in matcher.find(text, tokenize(text))]


@pytest.mark.parametrize("text, name, kb_id", [
    ("قصفت الطائرات مواقع في محافظتي قعطبة وإب أمس", "إب", "hand:yem-ibb"),
    ("وصلت التعزيزات إلى مأرب والجوف", "مأرب", "hand:yem-marib"),
    ("اشتباكات في محافظة ديالى شرق العراق", "محافظة ديالى", "hand:irq-diyala"),
    ("تقدمت القوات نحو الموصل من الجنوب", "الموصل", "city:mosul"),
    ("أقيمت الدورة بمكة المكرمة أمس", "مكة المكرمة", "hand:mecca"),
])
def test_kb_matcher_finds_places_behind_clitics(matcher, text, name, kb_id):
    assert (name, kb_id) in found(matcher, text)


@pytest.mark.parametrize("text", [
    "قال وكيل الوزارة إن الأب وصل",       # وكيل is not و + كيل (Kiel); أب (father) is not إب
    "اشترى طيرا غاليا لأن سعره غالي",      # غالي "expensive" (Galle, Sri Lanka)
    "وقع الحادث قرب المدينة الجامعية",     # المدينة "the city" (Medina) is a common word
    "تمنى البيضاء والشرقية",                # curated nomatch of governorates
])
def test_kb_matcher_skips_common_words(matcher, text):
    assert found(matcher, text) == []


def test_kb_matcher_memo_is_bounded(monkeypatch):
    monkeypatch.setattr(M, "MEMO_MAX", 50)
    m = M.DictionaryMatcher(load_kb())
    words = " ".join(f"كلمة{i}" for i in range(500))
    m.find(words, tokenize(words))
    assert len(m._memo) <= 50


def _article(text: str) -> Article:
    return Article(text, ArticleMeta(source="t"))


SPORT = ("أكد المدرب أن الفريق سيلعب مباراة قوية في الدوري، ويسعى فريق إنترميلان للفوز بالصفقة "
         "بعد إخفاق روما في ضم اللاعب، كما اقترب النادي من حسم صفقة مع بنفيكا. ")


def test_linking_clubs_in_sport_articles():
    art = EntityLinker()(_article(SPORT))
    types = {art.span_text(s): s.label for s in art.layer("ents")}
    kinds = {art.span_text(s): art.entity(s.attrs["entity_id"]).kb_id for s in art.layer("ents")}
    assert kinds["إنترميلان"] == "club:inter-milan"
    assert kinds["روما"] == "club:a-s-roma"
    assert kinds["بنفيكا"].startswith("club:")
    assert types["إنترميلان"] == "ORG"


def test_linking_no_clubs_outside_sport():
    art = EntityLinker()(_article("زار الرئيس روما ثم توجه إلى ميلانو في زيارة رسمية."))
    ids = {art.span_text(s): art.entity(s.attrs["entity_id"]).kb_id for s in art.layer("ents")}
    assert ids.get("روما") == "city:rome"


def test_linking_arab_city_stays_a_city_in_sport():
    art = EntityLinker()(_article(SPORT + "ويلتقي قطبا الرياض في مباراة الدوري."))
    ids = {art.span_text(s): art.entity(s.attrs["entity_id"]).kb_id for s in art.layer("ents")}
    assert ids["الرياض"] == "city:riyadh"


def test_kb_write_replaces_the_file_atomically(tmp_path):
    out = tmp_path / "kb.jsonl.gz"
    out.write_bytes(b"old")
    entries = [{"id": "x", "type": "GPE", "kind": "hand", "name": "X", "name_ar": "س"}]
    manifest = write_kb(entries, out)
    assert [json.loads(l) for l in gzip.open(out, "rt")] == entries
    assert manifest["entries"] == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["MANIFEST.json", "kb.jsonl.gz"]


@pytest.mark.parametrize("text, want", [
    ("افتتح المعرض بجدة والدمام", ["جدة", "الدمام"]),              # ب + جدة (spelt ة)
    ("وهو ما وجده المعارضون في الفيلم", []),                        # وجده "found it"
    ("وقال إنه كسرت يده في الحادث", []),                            # كسرت "broke", not ك + سرت
    ("وقعت اشتباكات في تعز وعدن وبتعز", ["تعز", "عدن", "تعز"]),
])
def test_kb_matcher_city_clitics(matcher, text, want):
    assert [s for s, _ in found(matcher, text)] == want
