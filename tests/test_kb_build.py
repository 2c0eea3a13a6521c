"""``marsad kb build``: reproducible output from the shared gazetteers."""
from __future__ import annotations

import gzip
import json

import pytest

from marsad.errors import ResourceError
from marsad.kb import load_kb
from marsad.kb.build import build, demonym_forms, slug


@pytest.fixture(scope="module")
def built(shared_dir, tmp_path_factory):
    out = tmp_path_factory.mktemp("kb") / "kb.jsonl.gz"
    return out, build(shared_dir / "data", out)


def test_kb_build_is_reproducible(shared_dir, built, tmp_path):
    first, manifest = built
    again = build(shared_dir / "data", tmp_path / "kb.jsonl.gz")
    assert manifest["sha256"] == again["sha256"]
    assert first.read_bytes() == (tmp_path / "kb.jsonl.gz").read_bytes()
    assert manifest["entries"] > 10_000 and manifest["kinds"]["country"] > 240
    assert manifest["roles"] > 100


def test_kb_build_output_loads_and_answers(built):
    out, _ = built
    kb = load_kb(str(out))
    assert kb.lookup("كوريا الشمالية")[0].wikidata == "Q423"
    with gzip.open(out, "rt", encoding="utf-8") as fh:
        ids = [json.loads(line)["id"] for line in fh]
    assert ids == sorted(ids) and len(ids) == len(set(ids))


def test_kb_build_missing_data_dir_is_a_coded_error(tmp_path):
    with pytest.raises(ResourceError) as err:
        build(tmp_path, tmp_path / "kb.jsonl.gz")
    assert err.value.code == "E453"


def test_kb_build_demonym_forms_inflect_each_word():
    forms = demonym_forms("كوري شمالي")
    assert "الكوري الشمالي" in forms and "الكورية الشمالية" in forms
    assert set(demonym_forms("روسي")) >= {"روسي", "روسية", "الروسي", "الروسية", "الروسيين"}


def test_kb_build_slug_is_stable():
    assert slug("Moscow, Idaho") == "moscow-idaho"


def test_kb_build_writes_the_vocabulary_beside_a_non_shipped_kb(built):
    from marsad.kb.patterns import COMMON_WORDS_FILE
    out, _ = built
    vocab = out.with_name("common_words.txt")
    assert vocab.read_text("utf-8") == COMMON_WORDS_FILE.read_text("utf-8")
    kb = load_kb(str(out))
    assert "city:mosul" in kb.by_id and not kb.by_id["city:mosul"].extra.get("common")
    assert "كيل" in next(e for e in kb.entities() if e.name == "Kiel").extra["common"]
