"""events.v1 on hand-written sentences: types, actors/targets, negation, modality, quotes."""
from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from marsad.components.dates import DateTagger
from marsad.components.events import EventCoder
from marsad.document import Article, ArticleMeta, Entity, Span
from marsad.events.export import plover_records

CODER = EventCoder()


def events(text, published=None, article=None):
    art = article or Article(text, ArticleMeta(published=published))
    art = CODER(DateTagger()(art))
    return art, [e.attrs | {"trigger": art.span_text(e)} for e in art.layer("events")]


def only(text, type_):
    _, evs = events(text)
    found = [e for e in evs if e["type"] == type_]
    assert found, f"no {type_} in {[e['type'] for e in evs]}"
    return found[0]


@pytest.mark.parametrize("text,type_,actor,target", [
    ("وأطلقت روسيا صاروخاً باليستياً على منطقة دنيبرو.", "ASSAULT", "RUS", None),
    ("اتهم الرئيس الأوكراني، الرئيس الروسي بارتكاب جرائم حرب.", "ACCUSE", "UKR", "RUS"),
    ("تظاهر آلاف المصريين أمام السفارة الأميركية في القاهرة.", "PROTEST", "EGY", None),
    ("فرضت الولايات المتحدة عقوبات جديدة على إيران.", "SANCTION", "USA", "IRN"),
    ("اعتقلت الشرطة التركية عشرات المتظاهرين في أنقرة.", "COERCE", "TUR", None),
    ("التقى وزير الخارجية السعودي نظيره الفرنسي في الرياض.", "CONSULT", "SAU", None),
    ("انسحبت القوات الإسرائيلية من جنوب لبنان.", "RETREAT", "ISR", None),
    ("وقعت مصر والأردن اتفاقية للتعاون في مجال الطاقة.", "AGREE", "EGY", None),
])
def test_events_type_and_actor_codes(text, type_, actor, target):
    ev = only(text, type_)
    assert ev["actor"] and ev["actor"]["code"] == actor
    if target:
        assert ev["target"] and ev["target"]["code"] == target


def test_events_victims_after_passive_verb_are_the_target():
    ev = only("قتل خمسة أشخاص في هجوم شنه مسلحون مجهولون في بغداد أمس.", "ASSAULT")
    assert ev["target"]["sector"] == "CVL"
    assert ev["actor"] is not None and ev["actor"]["sector"] == "UAF"


def test_events_negated_permission_becomes_reject():
    ev = only("وأكد الوزير الروسي أن بلاده لن تسمح بفرض عقوبات جديدة على كوريا الشمالية.", "REJECT")
    assert ev["flipped_from"] == "CONCEDE" and ev["negated"] is False
    assert ev["actor"]["code"] == "RUS"           # بلاده resolved to the minister's country
    _, evs = events("وأكد الوزير الروسي أن بلاده لن تسمح بفرض عقوبات جديدة على كوريا الشمالية.")
    assert "SANCTION" not in [e["type"] for e in evs]   # the sanctions did not happen


def test_events_negation_marks_event():
    ev = only("لم تعتقل الشرطة المصرية أي متظاهر.", "COERCE")
    assert ev["negated"] is True and ev["factual"] is False


def test_events_threat_frame_absorbs_threatened_act():
    _, evs = events("هددت إيران بقصف القواعد الأميركية في الخليج.")
    assert [e["type"] for e in evs] == ["THREATEN"]
    assert evs[0]["about"] == "ASSAULT" and evs[0]["actor"]["code"] == "IRN"


def test_events_future_modality():
    ev = only("قال الرئيس الروسي إن موسكو ستساعد سوريا في إعادة الإعمار.", "AID")
    assert ev["modality"] == "future" and ev["factual"] is False


def test_events_quoted_first_person_content_is_not_coded():
    _, evs = events("وقال الوزير: «سنواصل الضغط ونحن نطالب بالحوار».")
    assert evs == []


def test_events_quoted_statement_is_marked_reported_not_fact():
    ev = only("وقال المتحدث: «الجيش الإسرائيلي قصف المدرسة».", "ASSAULT")
    assert ev["modality"] == "reported" and ev["factual"] is False
    ev = only("وقصف الجيش الإسرائيلي المدرسة.", "ASSAULT")
    assert ev["factual"] is True


def test_events_no_participant_no_event():
    _, evs = events("تعاون تكتيكي واستراتيجي")
    assert evs == []


def test_events_location_and_date_from_dates_layer():
    _, evs = events("وأطلقت روسيا صاروخا على مدينة دنيبرو الخميس.", published="2024-11-23")
    assert evs[0]["location"] == "دنيبرو" and evs[0]["date"] == "2024-11-21"


def test_events_use_entity_layer_when_present():
    text = "اتهم زيلينسكي بوتين بارتكاب جرائم حرب."
    art = Article(text)
    z, p = text.index("زيلينسكي"), text.index("بوتين")
    art.entities = [Entity("e1", "PERSON", "Volodymyr Zelensky", attrs={"iso3": "UKR"}, mention_ids=["m1"]),
                    Entity("e2", "PERSON", "Vladimir Putin", attrs={"iso3": "RUS"}, mention_ids=["m2"])]
    art.set_layer("ents", [Span(z, z + 8, "PERSON", "m1", {"entity_id": "e1"}),
                           Span(p, p + 5, "PERSON", "m2", {"entity_id": "e2"})])
    _, evs = events(text, article=art)
    assert evs[0]["actor"]["name"] == "Volodymyr Zelensky" and evs[0]["actor"]["entity_id"] == "e1"
    assert evs[0]["target"]["name"] == "Vladimir Putin" and evs[0]["target"]["code"] == "RUS"


def test_events_plover_records():
    art, _ = events("فرضت الولايات المتحدة عقوبات جديدة على إيران.", published="2024-01-02")
    recs = plover_records(art)
    assert len(recs) == 1
    r = recs[0]
    assert r["event"] == "SANCTION" and r["source"][0]["code"] == "USA"
    assert r["article_id"] == art.id and art.text[r["trigger"]["start"]:r["trigger"]["end"]] == r["eventText"]
    assert r["text"] == art.text[r["sentence"]["start"]:r["sentence"]["end"]]


def test_events_odd_input_never_crashes():
    for text in ("", " ", "\n\n", "«", "لم لن"):
        assert CODER(Article(text)).layer("events") == []


@settings(max_examples=50, deadline=None)
@given(st.text(alphabet="قتل هاجم الجيش الروسي روسيا لم لن «» ،. متظاهرون ب في", max_size=80))
def test_events_offsets_inside_text(text):
    art = CODER(Article(text))
    for e in art.layer("events"):
        assert 0 <= e.start < e.end <= len(text)
        for role in ("actor", "target"):
            r = e.attrs[role]
            if r:
                assert text[r["start"]:r["end"]] == r["text"]


def test_events_components_pickle_small_and_work():
    import pickle

    from marsad.pipeline import load_pipeline
    pipe = load_pipeline(["sentences.v1", "tokens.v1", "dates.v1", "quantities.v1", "events.v1"])
    blob = pickle.dumps(pipe)
    assert len(blob) < 20_000                      # no lexicon inside
    again = pickle.loads(blob)
    art = again(Article("فرضت الولايات المتحدة عقوبات جديدة على إيران أمس.",
                        ArticleMeta(published="2024-01-02")))
    assert [e.label for e in art.layer("events")] == ["SANCTION"]
    assert art.layer("dates")[0].attrs["value"] == "2024-01-01"


def test_events_plover_records_survive_json_round_trip():
    # marsad export --format plover rebuilds articles from the archive's JSON
    art, _ = events("فرضت الولايات المتحدة عقوبات جديدة على إيران.", published="2024-01-02")
    back = Article.from_dict(art.to_dict())
    assert plover_records(back) == plover_records(art)


def test_events_short_quoted_phrase_is_not_an_event():
    _, evs = events("بوتين لـ«تعاون استراتيجي» وروسيا واثقة")
    assert "COOPERATE" not in [e["type"] for e in evs]
