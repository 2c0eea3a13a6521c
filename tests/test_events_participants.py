"""events.v1 targets and partners: who an event is done to or with (hand-written sentences)."""
from __future__ import annotations

import pytest

from marsad.components.dates import DateTagger
from marsad.components.events import EventCoder
from marsad.document import Article, ArticleMeta, Entity, Span

CODER = EventCoder()


def coded(text, article=None):
    art = article or Article(text, ArticleMeta(published="2023-05-10"))
    art = CODER(DateTagger()(art))
    return [e.attrs | {"trigger": art.span_text(e)} for e in art.layer("events")]


def first(text, type_, article=None):
    evs = [e for e in coded(text, article) if e["type"] == type_]
    assert evs, f"no {type_} in {coded(text, article)}"
    return evs[0]


def with_ents(text, ents, kind=None):
    """An article with hand-made entity mentions: (surface, label, name, country)."""
    art = Article(text, ArticleMeta(published="2023-05-10"))
    spans, entities, at = [], [], 0
    for k, (surface, label, name, country) in enumerate(ents):
        i = text.index(surface, at)
        at = i + len(surface)
        spans.append(Span(i, at, label, id=f"m{k}", attrs={"entity_id": f"e{k}"}))
        entities.append(Entity(id=f"e{k}", type=label, name=name, mention_ids=[f"m{k}"],
                               attrs={"country": country, "kb_kind": kind} if country else {}))
    art.set_layer("ents", spans)
    art.entities = entities
    return art


def test_events_participants_demonym_actor_names_the_country():
    ev = first("وأصيب ثلاثة أشخاص في قصف تركي على قرية حدودية.", "ASSAULT")
    assert ev["actor"]["code"] == "TUR" and ev["actor"]["name"] not in ("تركي", None)


@pytest.mark.parametrize("text,code", [
    ("وشنت طائرات حربية غارات جوية على بغداد فجر اليوم.", "IRQ"),
    ("وسقط عشرات القتلى في قصف مدفعي في سوريا أمس.", "SYR"),
])
def test_events_participants_attack_without_victim_targets_the_place(text, code):
    ev = first(text, "ASSAULT")
    assert ev["target"]["code"] == code


def test_events_participants_place_of_own_country_is_not_the_target():
    ev = first("ونفذت القوات الأمريكية غارة على مواقع في قندهار.", "ASSAULT")
    assert (ev["target"] or {}).get("code") != "USA"


def test_events_participants_bare_phrase_is_no_target_of_a_rejection():
    ev = first("وأكد المتحدث أن الحكومة المصرية لن تسمح بإقامة مخيمات جديدة.", "REJECT")
    assert ev["actor"]["code"] == "EGY" and ev["target"] is None


def test_events_participants_demonstrative_points_to_the_contrasted_actor():
    ev = first("وأرادت فرنسا تمرير قرار في مجلس الأمن، لكن الصين لم تسمح بذلك.", "REJECT")
    assert ev["actor"]["code"] == "CHN" and ev["target"]["code"] == "FRA"


def test_events_participants_demonstrative_without_contrast_is_no_target():
    ev = first("وقال الوزير إن ايران لن تسمح بذلك أبدا.", "REJECT")
    assert ev["target"] is None


@pytest.mark.parametrize("text,actor,target", [
    ("وبحث وزير الخارجية السعودي مع نظيره الفرنسي الأوضاع في المنطقة.", "SAU", "FRA"),
    ("وكان وزير الخارجية الأردني ونظيره المصري قد التقيا في عمان أمس.", "JOR", "EGY"),
    ("وجرت المحادثات بين تركيا وروسيا في أنقرة.", "TUR", "RUS"),
])
def test_events_participants_symmetric_partner_is_the_target(text, actor, target):
    ev = first(text, "CONSULT")
    assert (ev["actor"]["code"], (ev["target"] or {}).get("code")) == (actor, target)


def test_events_participants_dual_stands_for_the_two_parties_named_before():
    text = ("وصل الرئيس التركي رجب أردوغان إلى أنقرة بعد وصول الرئيس الإيراني حسن روحاني. "
            "وعقد الرئيسان اجتماعا مغلقا استمر ساعتين.")
    art = with_ents(text, [("رجب أردوغان", "PERSON", "Recep Erdogan", "TUR"),
                           ("أنقرة", "GPE", "Ankara", "TUR"),
                           ("حسن روحاني", "PERSON", "Hassan Rouhani", "IRN")])
    evs = [e for e in coded(text, art) if e["type"] == "CONSULT"]
    assert evs and evs[0]["actor"]["name"] == "Recep Erdogan"
    assert evs[0]["target"]["name"] == "Hassan Rouhani"


def test_events_participants_dual_needs_two_parties():
    text = "وصل الرئيس الإيراني حسن روحاني إلى أنقرة. وعقد الجانبان اجتماعا مغلقا."
    art = with_ents(text, [("حسن روحاني", "PERSON", "Hassan Rouhani", "IRN")])
    evs = [e for e in coded(text, art) if e["type"] == "CONSULT" and e["sentence"]["start"] > 30]
    assert all((e["actor"] or {}).get("resolved_from") != "dual" for e in evs)


def test_events_participants_longer_demonym_phrase_wins_over_a_shorter_ner_span():
    text = "وقالت الوزارة إن القوات الكورية الشمالية المحتشدة في روسيا ستنقل قريبا."
    i = text.index("الكورية")
    art = with_ents(text, [("الكورية", "NORP", "الكورية", None)])
    assert art.span_text(art.layer("ents")[0]) == text[i:i + 7]
    ev = first(text, "MOBILIZE", art)
    assert ev["actor"]["code"] == "PRK"


def test_events_participants_domestic_code_not_given_to_foreign_states():
    ev = first("وأشار الوزير إلى أن الدول الغربية كانت قد وعدت برفع العقوبات في ايران.", "AGREE")
    assert ev["actor"]["code"] != "IRN"


def test_events_participants_light_verb_subject_before_an_aside():
    ev = first("وقال إن اسرائيل تقوم، إلى جانب حلفائها في المنطقة، بنقل قوات إلى الحدود.",
               "MOBILIZE")
    assert ev["actor"]["code"] == "ISR"


def test_events_participants_quote_opening_between_subject_and_verb():
    ev = first("وقال الوزير إن الصين «ستساعد باكستان في بناء محطات الكهرباء».", "AID")
    assert ev["actor"]["code"] == "CHN" and ev["target"]["code"] == "PAK"


@pytest.mark.parametrize("kind,resolved", [("country", True), ("city", False)])
def test_events_participants_dual_states_are_countries_not_cities(kind, resolved):
    text = "وصل وفد من الأردن إلى العراق أمس. واجتمع الجانبان لتعزيز التعاون التجاري."
    art = with_ents(text, [("الأردن", "GPE", "Jordan", "JOR"), ("العراق", "GPE", "Iraq", "IRQ")],
                    kind)
    evs = [e for e in coded(text, art) if e["type"] == "CONSULT"]
    got = bool(evs) and (evs[0]["actor"] or {}).get("resolved_from") == "dual"
    assert got == resolved
    if resolved:
        assert (evs[0]["actor"]["code"], evs[0]["target"]["code"]) == ("JOR", "IRQ")


@pytest.mark.parametrize("text,target", [
    # whom a protest is against: after ضد, after على following a protest word, or addressed
    ("وتظاهر مئات الطلاب أمس ضد الحكومة في وسط العاصمة.", "الحكومة"),
    ("وخرج آلاف المتظاهرين احتجاجا على قرار الحكومة رفع الأسعار.", "الحكومة"),
    ("وتجمع مئات المتظاهرين أمام المبنى مطالبين الحكومة الأردنية بالتدخل.", "الحكومة الأردنية"),
])
def test_events_participants_protest_target(text, target):
    ev = first(text, "PROTEST")
    assert (ev["target"] or {}).get("text") == target


def test_events_participants_street_walked_is_not_the_protest_target():
    ev = first("وجاب المتظاهرون شوارع بغداد وهم يرفعون اللافتات.", "PROTEST")
    assert (ev["target"] or {}).get("text") != "بغداد"


@pytest.mark.parametrize("text", [
    "وتعرضت دورية لهجوم بقذائف الهاون شرق المدينة.",
    "وكان المسلح أطلق عدة أعيرة نارية قبل أن يفر.",
])
def test_events_participants_weapon_is_not_the_target(text):
    ev = first(text, "ASSAULT")
    assert not any(w in ((ev["target"] or {}).get("text") or "") for w in ("قذائف", "أعيرة"))


def test_events_participants_fired_on_marks_the_target():
    ev = first("وأطلق مسلحون النار على حافلة للركاب قرب الحدود.", "ASSAULT")
    assert (ev["target"] or {}).get("text", "").startswith("حافلة")


def test_events_participants_victims_take_the_country_of_the_place():
    ev = first("وقتل خمسة أشخاص في انفجار عبوة ناسفة في بغداد أمس.", "ASSAULT")
    assert ev["target"]["code"] == "IRQ" and ev["target"]["code_from"] == "location"


def test_events_participants_owned_soldiers_target_their_army():
    ev = first("وأعلن الجيش الأردني مقتل اثنين من جنوده قرب الحدود.", "ASSAULT")
    assert ev["target"]["code"] == "JOR"


def test_events_participants_kidnapped_person_before_a_place():
    ev = first("وخطف مسلحون مهندسا ألمانيا في مدينة بيشاور بشمال باكستان.", "ASSAULT")
    assert ev["target"]["text"].startswith("مهندسا")


def test_events_participants_place_named_with_a_nationality_adjective_has_its_country():
    text = ("وقصفت القوات مدينة خاركيف الأوكرانية أمس. "
            "وشنت طائرات حربية غارة على خاركيف فجر اليوم.")
    art = with_ents(text, [("خاركيف الأوكرانية", "GPE", "خاركيف الأوكرانية", None),
                           ("خاركيف", "LOC", "خاركيف", None)])
    evs = [e for e in coded(text, art) if e["type"] == "ASSAULT"]
    assert evs and all((e["target"] or {}).get("code") == "UKR" for e in evs), evs


def test_events_participants_he_said_he_met_the_speaker_is_the_actor():
    text = "وقال الوزير الأردني عقب اللقاء إنه بحث مع نائب الرئيس السوداني نقل الجرحى."
    ev = first(text, "CONSULT")
    assert ev["actor"]["code"] == "JOR" and ev["target"]["code"] == "SDN"


def test_events_participants_trigger_is_not_its_own_target():
    evs = coded("واعتقلت قوات الأمن أربعة أشخاص خططوا لعمليات اغتيال وتفجيرات في المدينة.")
    assert all("تفجيرات" not in ((e["target"] or {}).get("text") or "") for e in evs)


def test_events_participants_direction_word_locates_like_fi():
    ev = first("وتجمع مئات المتظاهرين في مدن جنوب باكستان احتجاجا على ارتفاع الأسعار.", "PROTEST")
    assert ev["location"] == "Pakistan" and ev["target"]["code"] == "PAK"


def test_events_participants_entity_after_a_li_clitic_is_not_the_doer():
    text = "ووجه الوزير انتقادات لحزب الاتحاد الوطني دون أن يسميه."
    i = text.index("حزب الاتحاد")
    art = with_ents(text, [("حزب الاتحاد الوطني", "ORG", "حزب الاتحاد الوطني", None)])
    assert art.layer("ents")[0].start == i
    evs = [e for e in coded(text, art) if e["type"] == "ACCUSE"]
    assert all("حزب" not in ((e["actor"] or {}).get("text") or "") for e in evs)


def test_events_participants_trigger_word_inside_a_name_is_no_act():
    text = "واجتمع الدكتور موفق أبو طالب مدير إدارة الحج مع الوفد."
    assert "REQUEST" in {e["type"] for e in coded(text)}              # طالب read as "demanded"
    art = with_ents(text, [("موفق أبو طالب", "PERSON", "Muwaffaq Abu Talib", None)])
    assert "REQUEST" not in {e["type"] for e in coded(text, art)}
    # a verb opening the sentence is an act even when the tagger glued it to the name
    text = "طالب عبدالقادر الجبرتي وزارة الحج بتأجيل المسار."
    art = with_ents(text, [("طالب عبدالقادر الجبرتي", "PERSON", "Abdulqader al-Jabarti", None)])
    assert "REQUEST" in {e["type"] for e in coded(text, art)}


def test_events_participants_sports_senses_are_no_political_events():
    kinds = lambda t: {e["type"] for e in coded(t)}   # noqa: E731
    assert "CONSULT" not in kinds("وسيلتقي برشلونة بعد ذلك مع بلباو في مباراتي ذهاب وإياب.")
    assert "ASSAULT" not in kinds("وطلب المدرب تعزيز الهجوم بلاعب جديد قبل بداية الموسم.")
    # the same words stay events where no match is talked about
    assert "CONSULT" in kinds("والتقى وزير الخارجية نظيره الفرنسي في باريس.")
    assert "ASSAULT" in kinds("وهاجمت مقاومة آزال دورية في صنعاء.")
    assert "ASSAULT" in kinds("وقتل لاعب المنتخب في هجوم استهدف الحافلة.")


def test_events_participants_a_verbal_attack_is_an_accusation():
    assert {e["type"] for e in coded("وهاجم رئيس الوزراء الإجراءات التي أعلنتها الحكومة.")} == {"ACCUSE"}
    assert {e["type"] for e in coded("وبدأ متشددون في البرلمان الهجوم على الاتفاق.")} == {"ACCUSE"}
    # a physical attack stays one, also when a policy word comes later in the sentence
    assert "ASSAULT" in {e["type"] for e in coded("وهاجم مسلحون مقر الحزب بعد القرار الأخير.")}
    assert "ASSAULT" in {e["type"] for e in coded("وهاجم مسلحون نقطة تفتيش للجيش في سيناء.")}


def test_events_participants_cutting_supply_lines_is_coercion_not_protest():
    assert "COERCE" in {e["type"] for e in coded("وسيطرت المقاومة على الوادي وقطعت طرق الإمداد على القاعدة.")}
    assert "PROTEST" in {e["type"] for e in coded("وقطع محتجون الطريق الرئيسي احتجاجا على انقطاع الكهرباء.")}


def test_events_participants_ceasefire_is_no_shooting_but_opening_fire_is():
    assert "ASSAULT" not in {e["type"] for e in coded("وأعلن الطرفان وقف إطلاق النار في المدينة.")}
    assert "ASSAULT" in {e["type"] for e in coded("وقالت مصادر إن قوات الأمن فتحت النار على القرى الحدودية.")}
    assert "ASSAULT" in {e["type"] for e in coded("وأطلق مسلحون النار على دورية للشرطة.")}


def test_events_participants_falling_ill_and_a_share_are_no_assault():
    kinds = lambda t: {e["type"] for e in coded(t)}   # noqa: E731
    assert "ASSAULT" not in kinds("وكانت الوزيرة أصيبت بجلطة دموية عام 2012.")
    assert "ASSAULT" not in kinds("وشكلت القروض نصيب الأسد من الناتج.")
    assert "ASSAULT" in kinds("وقال إن الشاب أصيب برصاص قاتل في الصدر.")


def test_events_participants_wounds_named_before_stay_violence():
    assert "ASSAULT" in {e["type"] for e in coded("وتوفي الأب متأثرا بالحروق التي أصيب بها قبل أسبوع.")}


def test_events_participants_a_body_discussing_a_topic_is_no_meeting():
    kinds = lambda t: {e["type"] for e in coded(t)}   # noqa: E731
    assert "CONSULT" not in kinds("ويناقش مجلس الشيوخ الأمريكي مشروع قانون سنوي لسياسة الدفاع.")
    assert "CONSULT" in kinds("وناقش ولي العهد مع وزير الدفاع الأمريكي مجالات التعاون العسكري.")
    assert "CONSULT" in kinds("ولي العهد وكارتر يناقشان سبل تعزيز التعاون الدفاعي.")
    assert "CONSULT" in kinds("وناقش الرئيس الفرنسي ونظيره المصري الأزمة الليبية.")


def test_events_participants_receiving_things_is_no_meeting():
    assert "CONSULT" not in {e["type"] for e in coded("وبات مطار عدن يستقبل الطائرات المدنية التي تقل اللاجئين.")}
    assert "CONSULT" in {e["type"] for e in coded("واستقبل الرئيس المصري وزير الخارجية السعودي في القاهرة.")}
