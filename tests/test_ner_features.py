"""Second feature set of the fast tier: stem affixes, cue words, nisba adjectives, KB names."""
from __future__ import annotations

import dataclasses

import pytest

from marsad.ner.features import TIERS, Featurizer, read_cues
from marsad.ner.gazetteer import Gazetteer, kb_rows
from marsad.ner.model import RESOURCES

FULL = dataclasses.replace(TIERS["fast"], prefixes=(1, 2, 3, 4), stem_suffixes=(1, 2, 3, 4),
                           cues=True, nisba=True, kb=True)


@pytest.fixture(scope="module")
def feat() -> Featurizer:
    cues = {"رئيس": "TITLE", "حزب": "ORGH", "قال": "SAY"}
    kb = Gazetteer([("ORG", "حزب الليكود"), ("GPE", "موسكو")])
    return Featurizer(FULL, Gazetteer([("GPE", "موسكو")]), {}, cues=cues, kb=kb)


def test_ner_stem_affixes_ignore_clitics_and_article(feat):
    f = feat.features(["والمصريين"])[0]
    # stem = مصريين: proclitic و and the article ال are not part of its affixes
    assert {"ss1=ن", "ss2=ين", "ss3=يين", "ss4=ريين", "pfx1=م", "pfx4=مصري"} <= set(f)
    assert "nisba" in f


def test_ner_cue_class_reaches_neighbours_within_the_window(feat):
    f = feat.features(["وقال", "رئيس", "حزب", "الليكود", "اليوم"])
    assert "cls=SAY" in f[0]                 # و + قال: the conjunction is stripped
    assert "cls=TITLE" in f[1] and "-1cls=SAY" in f[1]
    assert "-1cls=ORGH" in f[3] and "-2cls=TITLE" in f[3] and "+1cls=ORGH" in f[1] and "+2cls=ORGH" in f[0]
    assert not any(x.startswith("cls=") for x in f[4])


def test_ner_kb_match_is_bio_and_seen_from_neighbours(feat):
    f = feat.features(["زار", "حزب", "الليكود", "في", "موسكو"])
    assert "kb=B-ORG" in f[1] and "kb=I-ORG" in f[2] and "+1kb=B-ORG" in f[0]
    assert "-1kb=I-ORG" in f[3] and "kb=B-GPE" in f[4] and "gz=B-GPE" in f[4]


def test_ner_nisba_needs_the_article(feat):
    assert "nisba" in feat.features(["الروسية"])[0]
    assert "nisba" not in feat.features(["روسية"])[0]
    assert "nisba" not in feat.features(["الكتاب"])[0]


def test_ner_old_feature_sets_are_unchanged_by_the_new_options():
    f = Featurizer(TIERS["fast"], None, {}, cues={"قال": "SAY"}, kb=Gazetteer([("GPE", "موسكو")]))
    out = f.features(["قال", "موسكو"])
    assert not any(x.startswith(("cls=", "ss", "kb=", "-1kb", "nisba")) for t in out for x in t)


def test_ner_cue_lexicon_and_kb_rows_load():
    cues = read_cues(RESOURCES / "cues.tsv")
    assert cues["وزير"] == "TITLE" and cues["حزب"] == "ORGH" and cues["مدينه"] == "PLACE"
    assert all(" " not in w and "ة" not in w and "أ" not in w for w in cues)
    kb = RESOURCES.parent / "kb" / "kb.jsonl.gz"
    if not kb.exists():
        pytest.skip("no KB")
    rows = kb_rows(kb)
    assert ("GPE", "روسيا") in rows and len({p for _, p in rows}) == len(rows)
    assert all("ة" not in p for _, p in rows)


def test_ner_model_missing_extra_resource_fails_clearly(tmp_path):
    import json
    import shutil

    from marsad.errors import MarsadError
    from marsad.ner.model import NerModel

    meta = json.loads((RESOURCES / "fast.json").read_text(encoding="utf-8"))
    if not (TIERS[meta.get("features", "fast")].cues or TIERS[meta.get("features", "fast")].kb):
        pytest.skip("shipped fast model uses no extra resources")
    for name in ("fast.crfsuite", "fast.json", "gazetteer.tsv", "clusters.tsv"):
        shutil.copyfile(RESOURCES / name, tmp_path / name)
    with pytest.raises(MarsadError) as err:
        NerModel(tmp_path, "fast")
    assert err.value.code == "E402"
