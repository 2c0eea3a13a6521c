"""entities.v1 and the shipped NER models: loading, spans, odd input, features, dev floor."""
from __future__ import annotations

import json
import pickle

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from marsad.components.sentences import SentenceSplitter
from marsad.components.tokens import Tokenizer
from marsad.document import Article
from marsad.ner.features import TIERS, Featurizer
from marsad.ner.gazetteer import Gazetteer
from marsad.ner.model import MODELS, RESOURCES, load_model


def _run(text: str, model: str = "fast") -> Article:
    from marsad.components.ner import EntityRecognizer

    art = Tokenizer()(SentenceSplitter()(Article(text)))
    return EntityRecognizer(model=model)(art)


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer([("GPE", "الولايات المتحده"), ("GPE", "موسكو"), ("PERSON", "فلاديمير بوتين"),
                      ("NORP", "الروسي")])


def test_ner_features_word_context_and_gazetteer(gaz):
    feat = Featurizer(TIERS["fast"], gaz, {"موسكو": "0110"})
    toks = ["وصل", "بوتين", "إلى", "موسكو", "وواشنطن", "والولايات", "المتحدة"]
    f = feat.features(toks)
    assert len(f) == len(toks)
    assert "w=الي" in f[2] and "-1w=بوتين" in f[2] and "+2w=وواشنطن" in f[2]
    assert "-EDGE" in f[0] and "+EDGE" in f[-1]
    assert "gz=B-GPE" in f[3] and "c4=0110" in f[3]
    assert "s=الولايات" in f[5] and "pre=و" in f[5]
    assert "gz=B-GPE" in f[5] and "gz=I-GPE" in f[6]   # proclitic و does not block the match
    assert "gzw=PERSON" in f[1]                        # a word of a known person name
    assert "-1gz=B-GPE" in f[4]


def test_ner_features_accurate_has_bigrams_and_wider_context(gaz):
    f = Featurizer(TIERS["accurate"], gaz).features(["قال", "الرئيس", "الروسي", "فلاديمير", "بوتين"])
    assert "bw-=الرئيس|الروسي" in f[2] and "+2w=بوتين" in f[2] and "-2w=قال" in f[2]
    assert any(x.startswith("+3w=") for x in f[0])


def test_ner_features_cache_does_not_leak_between_sentences(gaz):
    feat = Featurizer(TIERS["fast"], gaz)
    a = feat.features(["في", "موسكو"])
    b = feat.features(["موسكو"])
    assert "-1w=في" in a[1] and not any(x.startswith("-1w=") for x in b[0])


@pytest.mark.parametrize("tier", MODELS)
def test_ner_model_loads_from_package_and_pickles(tier):
    model = load_model(tier)
    assert model.folder == RESOURCES and any((RESOURCES / f"{tier}.{ext}").exists()
                                             for ext in ("crfsuite", "npz"))   # npz: neural tier
    toks = ["قال", "الرئيس", "الروسي", "فلاديمير", "بوتين", "في", "موسكو", "."]
    tags = model.tag_document([toks])[0]
    assert len(tags) == len(toks)
    assert tags[3:5] == ["B-PERSON", "I-PERSON"]
    clone = pickle.loads(pickle.dumps(model))
    assert clone.tag_document([toks]) == model.tag_document([toks])


@pytest.mark.parametrize("text", ["", " ", "\n\n", ".", "؟؟؟", "123 456", "abc DEF", "ـــ",
                                  "وو", "و", "«»", "\u200f\u200e", "ب ل و ف", "َُِ"])
def test_ner_component_never_crashes_on_odd_text(text):
    art = _run(text)
    assert all(art.span_text(s).strip() for s in art.layer("ents"))


def test_ner_component_without_sentences_layer_tags_all_tokens():
    from marsad.components.ner import EntityRecognizer

    art = Tokenizer()(Article("التقى فلاديمير بوتين في موسكو"))
    art = EntityRecognizer()(art)
    assert [art.span_text(s) for s in art.layer("ents")][:1] == ["فلاديمير بوتين"]


def test_ner_component_strips_proclitics_and_builds_entities():
    text = ("قال الرئيس الروسي فلاديمير بوتين إن روسيا مستعدة. واجتمع وزير الخارجية مع بوتين "
            "في موسكو وبكين، وشكر وبوتين الحكومة.")
    art = _run(text)
    ents = art.layer("ents")
    surfaces = [art.span_text(s) for s in ents]
    assert "فلاديمير بوتين" in surfaces
    assert "بوتين" in surfaces and "وبوتين" not in surfaces
    assert not any(s.startswith(("وب", "وم")) and s[1:] in surfaces for s in surfaces)
    for span in ents:
        assert span.id.startswith("m") and span.label in {"PERSON", "ORG", "GPE", "LOC", "FAC",
                                                          "NORP", "PRODUCT", "MISC"}
        ent = art.entity(span.attrs["entity_id"])
        assert ent is not None and span.id in ent.mention_ids
    assert len({s.id for s in ents}) == len(ents)
    assert sum(len(e.mention_ids) for e in art.entities) == len(ents)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(["وبوتين", "بوتين", "قال", "الرئيس", "والروسي", "لموسكو",
                                 "وَبِكين", "في", "،", ".", "\n", "الأمم", "المتحدة", "ـ",
                                 "«", "»", "سوريا", "وزير", "x"]), max_size=30))
def test_ner_component_spans_slice_to_trimmed_surfaces(words):
    art = _run(" ".join(words))
    tokens = art.layer("tokens")
    for span in art.layer("ents"):
        surface = art.span_text(span)
        assert surface and surface == surface.strip()
        assert any(t.start <= span.start < t.end for t in tokens)
        assert any(t.start < span.end <= t.end for t in tokens)


def test_ner_fast_model_dev_floor(shared_dir):
    """The shipped fast model on the dev split carved from ANERcorp train (not on test)."""
    from marsad.ner.corpora import anercorp
    from marsad.ner.model import NerModel
    from marsad.ner.score import score, to_conll
    from marsad.train.ner import PSEUDO_DOC, split_dev

    meta = json.loads((RESOURCES / "fast.json").read_text(encoding="utf-8"))
    measured = meta["report"]["dev"]["micro"]["f1"]    # documents of PSEUDO_DOC sentences
    _, dev = split_dev(anercorp(shared_dir / "data" / "anercorp" / "ANERCorp_CamelLab_train.txt"))
    model = NerModel(RESOURCES, "fast")
    pred = [t for i in range(0, len(dev), PSEUDO_DOC)
            for t in model.tag_document([t for t, _ in dev[i:i + PSEUDO_DOC]])]
    f1 = score([to_conll(g) for _, g in dev], [to_conll(p) for p in pred])["micro"]["f1"]
    assert f1 >= measured - 0.02


def test_ner_decoder_matches_crfsuite_without_bias_and_bias_adds_entities():
    from marsad.ner.decode import Decoder

    model = load_model("fast")
    sents = [["قال", "الرئيس", "الروسي", "فلاديمير", "بوتين", "في", "موسكو", "."],
             ["وأعلنت", "وزارة", "الخارجية", "المصرية", "أن", "الوزير", "سامح", "شكري", "سيزور",
              "واشنطن", "وباريس", "الأسبوع", "المقبل"], ["x"], ["،", "."]]
    plain = Decoder(model._tagger, model.featurizer, 0.0)
    for toks in sents:
        assert plain.tag(toks) == model._tagger.tag(model.featurizer.features(toks))
    biased = Decoder(model._tagger, model.featurizer, 5.0)
    n_plain = sum(t != "O" for s in sents for t in plain.tag(s))
    assert sum(t != "O" for s in sents for t in biased.tag(s)) > n_plain


def test_ner_propagate_tags_untagged_repeats_only():
    from marsad.ner.model import propagate

    sents = [["التقى", "سامح", "شكري", "بالوزير"], ["وقال", "شكري", "إن"], ["وسامح", "شكري", "هنا"]]
    tags = [["O", "B-PERSON", "I-PERSON", "O"], ["O", "O", "O"], ["O", "O", "B-ORG"]]
    out = propagate(sents, tags)
    assert out[0] == tags[0]
    assert out[1] == ["O", "B-PERSON", "O"]                # surname of سامح شكري
    assert out[2] == ["B-PERSON", "I-PERSON", "B-ORG"]     # proclitic و does not block


def test_ner_propagate_spreads_ordinary_one_word_surfaces_only_as_places_and_people():
    from marsad.ner.model import propagate

    common = frozenset({"الكهرباء", "الرمادي"})
    sents = [["شركة", "الكهرباء", "ومدينة", "الرمادي"], ["مشروعات", "الكهرباء", "في", "الرمادي"]]
    tags = [["O", "B-ORG", "O", "B-GPE"], ["O", "O", "O", "O"]]
    assert propagate(sents, tags, common=common)[1] == ["O", "O", "O", "B-GPE"]
    assert propagate(sents, tags)[1] == ["O", "B-ORG", "O", "B-GPE"]   # not an ordinary word


def test_ner_surnames_skip_compound_halves_and_tagged_neighbours():
    from marsad.ner.model import surnames

    sents = [["قال", "محمود", "عباس", "ومحمد", "عبد", "الله"], ["عباس", "الله", "في", "رام", "الله"],
             ["التقى", "عباس", "نتنياهو"]]
    tags = [["O", "B-PERSON", "I-PERSON", "B-PERSON", "I-PERSON", "I-PERSON"],
            ["O"] * 5, ["O", "O", "B-PERSON"]]
    out = surnames(sents, tags)
    assert out[1] == ["B-PERSON", "O", "O", "O", "O"]      # الله ends عبد الله: not a surname
    assert out[2] == ["O", "O", "B-PERSON"]                # next to a mention: left alone
    assert out[0] == tags[0]
    guarded = [["قال", "أحمد", "الأحوازي", "إن"], ["الحزب", "الأحوازي", "و", "الخميس"]]
    g_tags = [["O", "B-PERSON", "I-PERSON", "O"], ["O"] * 4]
    assert surnames(guarded, g_tags)[1] == ["O"] * 4         # an adjective after a definite noun
    guarded[1][0] = "قال"
    assert surnames(guarded, g_tags)[1] == ["O", "B-PERSON", "O", "O"]
    assert surnames(guarded, g_tags, frozenset(["الاحوازي"]))[1] == ["O"] * 4   # a common word


def test_ner_eval_target_reports_conll_types_and_speed(shared_dir):
    from marsad.eval.ner import run

    conll = shared_dir / "data" / "anercorp" / "ANERCorp_CamelLab_test.txt"
    result = run(conll=str(conll), model="fast", limit=60)
    rows = {r["metric"]: r for r in result["rows"]}
    assert set(rows) - {"micro"} <= {"PERS", "LOC", "ORG", "MISC"}
    assert rows["micro"]["support"] == sum(r["support"] for k, r in rows.items() if k != "micro")
    assert 0.0 < result["summary"]["f1"] <= 1.0 and result["summary"]["tokens_per_s"] > 0
    assert result["summary"]["sentences"] == 60


def test_ner_eval_and_train_fail_clearly_on_missing_files(tmp_path):
    from typer.testing import CliRunner

    from marsad.cli.main import app, load_commands

    load_commands()
    runner = CliRunner()
    res = runner.invoke(app, ["eval", "ner", "--conll", str(tmp_path / "nope.txt")])
    assert res.exit_code == 1 and "E420" in res.output
    res = runner.invoke(app, ["train", "ner", "--data", str(tmp_path), "--out", str(tmp_path / "o")])
    assert res.exit_code == 1 and "E410" in res.output
    res = runner.invoke(app, ["train", "ner", "--model", "huge"])
    assert res.exit_code == 1 and "E401" in res.output
