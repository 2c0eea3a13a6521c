"""The gold scorers follow shared/gold/FORMAT.md; hand-built predictions with known answers."""
from __future__ import annotations

from marsad.eval import scorers as S


def test_eval_quotes_anchor_containment_and_one_to_one():
    gold = [{"anchor": "سنواصل هذه الاختبارات", "speaker": "Vladimir Putin",
             "speaker_aliases": ["بوتين"], "kind": "direct", "speaker_resolution": "explicit"},
            {"anchor": "الاختبارات", "speaker": "Vladimir Putin", "speaker_aliases": ["بوتين"],
             "kind": "direct", "speaker_resolution": "continuation"}]
    quotes = [{"text": "سَنواصل هذه الاختبارات، وخصوصاً", "kind": "direct",
               "speaker": {"text": "بوتين", "entity_id": None, "name": None}}]
    c = S.score_quotes(gold, quotes, {})
    assert (c.found, c.speaker_right, c.kind_right) == (1, 1, 1)    # one prediction, one gold
    s = c.summary()
    assert s["recall"] == 0.5 and s["precision"] == 1.0
    assert s["speaker_by_resolution"]["explicit"]["accuracy"] == 1.0


def test_eval_quotes_speaker_through_linked_entity_aliases():
    gold = [{"anchor": "نص", "speaker": "Kim Jong Un", "speaker_aliases": ["كيم جونغ أون"],
             "kind": "indirect"}]
    quotes = [{"text": "نص القول", "kind": "mixed",
               "speaker": {"text": "الزعيم", "entity_id": "e1", "name": None}}]
    ents = {"e1": {"name": "Kim Jong-un", "name_ar": "كيم", "aliases": ["Kim Jong Un"], "mentions": []}}
    c = S.score_quotes(gold, quotes, ents)
    assert c.speaker_right == 1 and c.kind_right == 0


def test_eval_entities_clitics_and_lenient_types():
    gold = [{"entity": "Russia", "type": "GPE", "forms": ["روسيا"]},
            {"entity": "Security Council", "type": "ORG", "forms": ["مجلس الأمن"]},
            {"entity": "Dnipro", "type": "GPE", "forms": ["دنيبرو"]}]
    pred = [({"type": "GPE"}, ["وروسيا"]), ({"type": "ORG"}, ["لمجلس الأمن"]),
            ({"type": "LOC"}, ["دنيبرو"]), ({"type": "NORP"}, ["الروسي"]), ({"type": "PERSON"}, ["زيد"])]
    c = S.score_entities(gold, pred)
    assert (c.found_strict, c.found_lenient) == (2, 3)
    assert c.pred == 4                      # NORP is not annotated in the gold: left out
    assert (c.pred_strict, c.pred_lenient) == (2, 3)


def test_eval_entity_lil_read_as_al():
    assert "الامن" in S.mention_variants("للأمن")


def test_eval_events_overlap_and_party_codes():
    text = "وأطلقت روسيا صاروخاً على منطقة دنيبرو. وقال آخرون شيئاً."
    gold = [{"type": "ASSAULT", "anchor": "أطلقت روسيا صاروخا", "actor": "Russia|RUS",
             "target": "Ukraine|UKR"}]
    ev = [{"type": "ASSAULT", "start": 1, "end": 6, "actor": {"name": "روسيا", "code": "RUS"},
           "target": {"name": None, "code": "UKR"}},
          {"type": "ACCUSE", "start": 40, "end": 44, "actor": {}, "target": {}}]
    c = S.score_events(gold, ev, text)
    assert (c.found, c.matched_pred, c.actor_right, c.target_right) == (1, 1, 1, 1)
    assert c.summary()["precision"] == 0.5


def test_eval_events_wrong_type_is_a_miss():
    text = "وأطلقت روسيا صاروخاً."
    gold = [{"type": "ASSAULT", "anchor": "أطلقت روسيا", "actor": "Russia|RUS", "target": None}]
    c = S.score_events(gold, [{"type": "THREATEN", "start": 0, "end": 6}], text)
    assert c.found == 0 and c.misses[0]["why"] == "not found"


def test_eval_structure_caption_needs_right_credit():
    page = {"articles": [{"title": "ت", "subtitle": None, "subheads": [], "related": [],
                          "captions": [{"text": "صورة (أ.ب)", "credit": "AP"}],
                          "body_starts": "أول", "body_ends": "آخر.", "body_paragraphs": 1}]}
    pred = [{"title": "ت", "subtitle": None, "subheads": [], "related": [],
             "captions": [{"text": "صورة (أ.ب)", "credit": "AFP"}], "paragraphs": ["أول وآخر."]}]
    rows = S.score_structure(page, pred)
    assert rows["captions"]["score"] == 0.0 and rows["title"]["score"] == 1.0
    assert rows["body_end"]["score"] == 1.0 and rows["paragraph_count"]["score"] == 1.0
