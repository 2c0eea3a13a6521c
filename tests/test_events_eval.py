"""The events GSR scorer and the dates scorer on small hand-made inputs."""
from __future__ import annotations

from marsad.eval.dates import score as score_dates
from marsad.eval.events_gsr import read_gsr, role_right, score
from marsad.pipeline import load_pipeline

GSR = """<?xml version='1.0' encoding='utf-8'?>
<Validation><Sentences>
<Sentence category="PROTEST" date="20080101" evaluate="true" id="a1" >
<EventText eid="0" eventtext="تظاهر" sourcetext="المتظاهرين" targettext="" />
<EventCoding eid="0" eventcode="" plover="PROTEST" sourcecode="None CVL" targetcode="EGY GOV" />
<Text>
وتظاهر آلاف المتظاهرين في القاهرة ضد الحكومة.
</Text>
</Sentence>
<Sentence category="ASSAULT" date="20080102" evaluate="true" id="a2" >
<EventText eid="0" eventtext="" sourcetext="" targettext="" />
<EventCoding eid="0" eventcode="" plover="ASSAULT" sourcecode="ISR MIL" targetcode="None None" />
<Text>
وقصفت الطائرات الإسرائيلية مواقع في جنوب لبنان.
</Text>
</Sentence>
<Sentence category="ASSAULT" date="20080103" evaluate="true" id="a3" >
<EventText eid="0" eventtext="" sourcetext="" targettext="" />
<EventCoding eid="0" eventcode="" plover="ASSAULT" sourcecode="None None" targetcode="None None" />
<Text>
وتحدث الوزير عن الاقتصاد.
</Text>
</Sentence>
</Sentences>"""   # unclosed </Validation>, like the real files


def test_events_gsr_reader_tolerates_truncated_xml(tmp_path):
    path = tmp_path / "gsr.xml"
    path.write_text(GSR, encoding="utf-8")
    recs = list(read_gsr(path))
    assert [r["id"] for r in recs] == ["a1", "a2", "a3"]
    assert recs[0]["actor"] == "المتظاهرين" and recs[1]["actor_code"] == "ISR MIL"


def test_events_gsr_role_matching():
    assert role_right({"text": "متظاهرون", "code": None}, "المتظاهرين", "None CVL")  # stems
    assert role_right({"text": "الجيش", "code": "ISR"}, "", "ISR MIL")                # code
    assert not role_right({"text": "الشرطة", "code": "EGY"}, "المتظاهرين", "None CVL")
    assert not role_right(None, "المتظاهرين", "None CVL")
    assert role_right({"text": "القوات الأميركية", "code": None}, "الأميركية القوات", "None MIL", strict=True)


def test_events_gsr_score_counts(tmp_path):
    path = tmp_path / "gsr.xml"
    path.write_text(GSR, encoding="utf-8")
    pipe = load_pipeline(["sentences.v1", "tokens.v1", "dates.v1", "events.v1"])
    res = score(list(read_gsr(path)), pipe)
    c = res["counts"]
    assert c["n"] == 3 and c["found"] == 2            # the economy sentence has no event
    assert c["actor_n"] == 2 and c["actor"] == 2
    assert [m["id"] for m in res["misses"]] == ["a3"]


def test_dates_eval_counts_right_wrong_and_missing():
    texts = {"d1": ["وقال أمس إن الاجتماع في 22 نوفمبر 2024 وأمس أيضا"]}
    gold = [{"doc": "d1", "published": "2024-11-23", "surface": "أمس", "value": "2024-11-22"},
            {"doc": "d1", "published": "2024-11-23", "surface": "22 نوفمبر 2024", "value": "2024-11-22"},
            {"doc": "d1", "published": "2024-11-23", "surface": "أمس", "value": "2024-11-21"},
            {"doc": "d1", "published": "2024-11-23", "surface": "الخميس", "value": "2024-11-21"}]
    res = score_dates(gold, texts)
    assert res["gold"] == 4 and res["found"] == 3 and res["right"] == 2
    assert {m["surface"] for m in res["misses"]} == {"أمس", "الخميس"}


def test_gsr_stem_treats_feminine_and_masculine_nisba_alike():
    from marsad.eval.events_gsr import _stem, role_right
    assert _stem("انتحارية") == _stem("انتحاري") == _stem("الانتحاري")
    assert _stem("المتظاهرين") == _stem("متظاهرون")
    assert role_right({"text": "انتحاري", "name": None, "code": None}, "الانتحارية", "None")
