"""quotes.v1 on hand-written sentences: each pattern family, and the traps."""
from __future__ import annotations

import pickle

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.components.quotes import QuoteFinder
from marsad.components.sentences import SentenceSplitter
from marsad.components.tokens import Tokenizer
from marsad.document import Article, Entity, Span

FINDER = QuoteFinder()


def run(text: str, ents: list[Span] | None = None, entities: list[Entity] | None = None) -> Article:
    art = Article(text, entities=entities)
    SentenceSplitter()(art)
    Tokenizer()(art)
    if ents is not None:
        art.set_layer("ents", ents)
    return FINDER(art)


def run_with_person(text: str, name: str, label: str = "PERSON") -> Article:
    """``run`` with one NER mention of ``name`` (its first occurrence, type ``label``), linked to
    an entity e1 named ``name``."""
    start = text.index(name)
    return run(text, ents=[Span(start, start + len(name), label, "m1", {"entity_id": "e1"})],
               entities=[Entity("e1", label, name, name, None, [name], ["m1"])])


def quotes(text: str) -> list[tuple[str, dict]]:
    art = run(text)
    return [(art.span_text(q), q.attrs) for q in art.layer("quotes")]


def one(text: str) -> tuple[str, dict]:
    found = quotes(text)
    assert len(found) == 1, found
    return found[0]


# -- direct, indirect, mixed ---------------------------------------------------------------
def test_quotes_direct_after_colon_is_the_inside_of_the_marks():
    text, attrs = one("وقال الوزير سامي العلي: «سنواصل العمل حتى النهاية».")
    assert text == "سنواصل العمل حتى النهاية"
    assert attrs["kind"] == "direct" and attrs["cue"] == "وقال"
    sp = attrs["speaker"]
    assert sp["text"] == "الوزير سامي العلي" and sp["name"] == "سامي العلي"
    assert sp["resolution"] == "explicit" and sp["kind"] == "person"


def test_quotes_indirect_content_excludes_the_frame():
    text, attrs = one("قال وزير الخارجية السعودي عادل الجبير إن المملكة تدعم الحل السياسي.")
    assert text == "المملكة تدعم الحل السياسي"
    assert attrs["kind"] == "indirect"
    assert attrs["speaker"]["name"] == "عادل الجبير"
    assert attrs["speaker"]["text"] == "وزير الخارجية السعودي عادل الجبير"


def test_quotes_mixed_when_an_indirect_frame_holds_a_quoted_fragment():
    text, attrs = one("وقال الرئيس خالد سعيد إن بلاده «لن تتراجع أبدا» عن موقفها.")
    assert attrs["kind"] == "mixed"
    assert text.startswith("بلاده") and "لن تتراجع أبدا" in text


@pytest.mark.parametrize("sentence, content, speaker", [
    ("وأكدت وزارة الدفاع في بيان أن القوات صدت الهجوم.", "القوات صدت الهجوم", "وزارة الدفاع"),
    ("وأشار المتحدث خالد منصور إلى أن الأسعار سترتفع.", "الأسعار سترتفع", "المتحدث خالد منصور"),
    ("وشدد رئيس الوزراء على ضرورة الحوار بين الأطراف.", "ضرورة الحوار بين الأطراف", "رئيس الوزراء"),
    ("وحذرت المنظمة من تفاقم الأزمة الإنسانية في الإقليم.", "تفاقم الأزمة الإنسانية في الإقليم",
     "المنظمة"),
    ("وكشف مصدر أمني عن اعتقال خمسة مشتبه بهم.", "اعتقال خمسة مشتبه بهم", "مصدر أمني"),
    ("ويقول محللون إن الاتفاق قد يصمد.", "الاتفاق قد يصمد", "محللون"),
    ("وأعلنت الشرطة الاتحادية إحباط محاولة تسلل جديدة.", "إحباط محاولة تسلل جديدة",
     "الشرطة الاتحادية"),
    ("وأوضح الدكتور سمير حداد، في تصريح لـ«الشرق الأوسط»، أن المشروع بدأ فعليا.",
     "المشروع بدأ فعليا", "الدكتور سمير حداد"),
])
def test_quotes_indirect_verb_families(sentence, content, speaker):
    text, attrs = one(sentence)
    assert text == content
    assert attrs["speaker"]["text"] == speaker


def test_quotes_participle_continues_the_speaker_of_its_sentence():
    found = quotes("وأشار المتحدث خالد منصور إلى أن الأسعار سترتفع، مضيفا أن الحكومة ستتدخل.")
    assert [t for t, _ in found] == ["الأسعار سترتفع", "الحكومة ستتدخل"]
    assert found[1][1]["speaker"]["name"] == "خالد منصور"
    assert found[1][1]["cue"] == "مضيفا"


def test_quotes_unnamed_sources_get_a_canonical_name():
    text, attrs = one("وقالت مصادر مطلعة إن الاجتماع تأجل إلى الأسبوع المقبل.")
    assert attrs["speaker"]["kind"] == "unnamed"
    assert attrs["speaker"]["name"] == "unnamed sources"
    assert attrs["speaker"]["text"] == "مصادر مطلعة"


def test_quotes_outlet_named_in_quotation_marks():
    text, attrs = one("وذكرت صحيفة «الغارديان» البريطانية أن الوفد غادر العاصمة.")
    assert text == "الوفد غادر العاصمة"
    assert attrs["speaker"]["name"] == "الغارديان" and attrs["speaker"]["kind"] == "outlet"


# -- frames --------------------------------------------------------------------------------
def test_quotes_post_posed_frame_reports_the_clause_before_it():
    text, attrs = one("وصل الوفد إلى الرياض أمس، وفق وكالة الأنباء الرسمية.")
    assert text == "وصل الوفد إلى الرياض أمس"
    assert attrs["cue"] == "وفق" and attrs["speaker"]["text"] == "وكالة الأنباء الرسمية"
    assert attrs["speaker"]["kind"] == "outlet"


def test_quotes_sentence_initial_frame_reports_the_clause_after_it():
    text, attrs = one("وبحسب هولو، فإن التحدي في باريس هو موضوع السلم.")
    assert text == "التحدي في باريس هو موضوع السلم"
    assert attrs["speaker"]["text"] == "هولو"


@pytest.mark.parametrize("sentence", [
    "ويسير العمل وفق خطة زمنية محددة.",
    "وتتنوع الأسعار حسب الخدمة المقدمة.",
    "وصنعت القذائف وفقاً لتصاميم سوفياتية قديمة.",
])
def test_quotes_frames_without_a_speaker_are_not_quotes(sentence):
    assert quotes(sentence) == []


# -- traps ---------------------------------------------------------------------------------
@pytest.mark.parametrize("sentence", [
    "أكدت الأحداث أن الحل العسكري فشل في تحقيق أهدافه.",
    "وصل عبد الله بن قال إلى المدينة أمس.",
    "تبنى تنظيم «داعش» الهجوم على القاعدة العسكرية.",
    "أطلقت روسيا الصاروخ «أوريشنيك» على مدينة دنيبرو.",
    "ولفت الأنظار اختيار قاعدة صواريخ للقاء الزعيمين.",
    "يذكر أن الإمارات سلمت مصر عددا من المشاريع.",
    "ووصلت الطائرة بعد أن أعلن المطار فتح المدرج.",
])
def test_quotes_traps_are_not_quotes(sentence):
    found = quotes(sentence)
    if "أعلن المطار" in sentence:       # the embedded act is a quote, the rest is not
        assert all("وصلت الطائرة" not in t for t, _ in found)
    else:
        assert found == []


def test_quotes_nested_marks_stay_one_direct_quote():
    text, attrs = one("وقال المتحدث: «نحن نرفض ما يسمى «الخطة الجديدة» بشكل كامل».")
    assert attrs["kind"] == "direct"
    assert text.startswith("نحن نرفض") and text.endswith("بشكل كامل")


def test_quotes_unbalanced_mark_runs_to_the_end_of_its_sentence():
    found = quotes("وقال المتحدث: «نحن نرفض الخطة بشكل كامل. وأضاف أن الحوار مستمر.")
    assert found and found[0][0].startswith("نحن نرفض")
    assert "الحوار مستمر" not in found[0][0]


def test_quotes_mismatched_mark_shapes_pair_up():
    text, attrs = one('وقالت الخلية في بيان إن "المتهمين سيحالون إلى القضاء». ')
    assert "المتهمين سيحالون إلى القضاء" in text


def test_quotes_quotation_spanning_sentences_is_one_quote():
    text, attrs = one("وقال الوزير: «الوضع صعب. لكننا سنتجاوزه قريبا».")
    assert text == "الوضع صعب. لكننا سنتجاوزه قريبا"
    assert attrs["kind"] == "direct"


# -- speakers ------------------------------------------------------------------------------
def test_quotes_continuation_across_paragraphs():
    found = quotes("وقال الوزير سامي العلي إن الوضع مستقر.\n\nوأضاف أن الحكومة تتابع التطورات.")
    assert len(found) == 2
    sp = found[1][1]["speaker"]
    assert sp["name"] == "سامي العلي" and sp["resolution"] == "continuation"


def test_quotes_title_resolves_to_the_person_named_earlier():
    found = quotes("وصل وزير الخارجية الروسي سيرغي لافروف إلى القاهرة.\n\n"
                   "وقال الوزير إن المحادثات كانت بناءة.")
    sp = found[0][1]["speaker"]
    assert sp["text"] == "الوزير" and sp["name"] == "سيرغي لافروف" and sp["resolution"] == "title"


def test_quotes_continuation_agrees_in_gender_across_another_speaker():
    found = quotes("وقالت الوزيرة هند سالم إن الميزانية جاهزة. وقال المتحدث أحمد علي إن "
                   "الاجتماع انتهى. وأضافت أن التنفيذ يبدأ الشهر المقبل.")
    assert [q[1]["speaker"]["name"] for q in found] == ["هند سالم", "أحمد علي", "هند سالم"]


def test_quotes_speaker_offsets_point_at_the_speaker_text():
    art = run("وقال الناطق باسم المفوضية ليو دوبس لوسائل الإعلام: «هناك تدفق متواصل للاجئين».")
    sp = art.layer("quotes")[0].attrs["speaker"]
    assert art.text[sp["start"]:sp["end"]] == sp["text"] == "الناطق باسم المفوضية ليو دوبس"
    assert sp["name"] == "ليو دوبس"


def test_quotes_use_the_entity_layer_when_present():
    text = "وقال بوتين إن روسيا ستواصل الاختبارات."
    start = text.index("بوتين")
    ent = Entity("e1", "PERSON", "Vladimir Putin", "فلاديمير بوتين", mention_ids=["m1"])
    art = run(text, [Span(start, start + 5, "PERSON", "m1", {"entity_id": "e1"})], [ent])
    sp = art.layer("quotes")[0].attrs["speaker"]
    assert sp["entity_id"] == "e1" and sp["name"] == "Vladimir Putin" and sp["text"] == "بوتين"


# -- robustness ----------------------------------------------------------------------------
def test_quotes_odd_input_never_crashes():
    assert FINDER(Article("")).layer("quotes") == []
    assert FINDER(Article("قال")).layer("quotes") == []        # no tokens layer at all
    assert quotes("قال") == [] and quotes("«") == [] and quotes("وقال: «»") == []


def test_quotes_component_pickles():
    clone = pickle.loads(pickle.dumps(FINDER))
    art = run("وقال الوزير سامي العلي إن الوضع مستقر.")
    assert clone(art).layer("quotes")[0].attrs == art.layer("quotes")[0].attrs


FRAGMENTS = ["وقال", "الوزير", "سامي", "إن", "«", "»", '"', ":", "،", ".", "\n\n", "وأضاف",
             "مشيرا", "إلى", "أن", "بحسب", "مصادر", "الوضع", "مستقر", "وفق", "التي", "رأت",
             "ال", "تنظيم", "(", ")", "عن", "أعلن", "مقتل", "ً"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=40))
def test_quotes_spans_always_point_into_the_text(words):
    art = run(" ".join(words))
    for q in art.layer("quotes"):
        assert 0 <= q.start < q.end <= len(art.text)
        sp = q.attrs["speaker"]
        if sp["start"] is not None:
            assert art.text[sp["start"]:sp["end"]] == sp["text"]
        cs, ce = q.attrs["cue_span"]
        assert art.text[cs:ce] == q.attrs["cue"]
        assert q.attrs["kind"] in ("direct", "indirect", "mixed")


# -- patterns met in spot checks on other Saudi papers --------------------------------------
def test_quotes_honorific_titles_are_not_names():
    text, attrs = one("أكد صاحب السمو الأمير فيصل بن خالد أن المنطقة تشهد نموا كبيرا.")
    assert attrs["speaker"]["name"] == "فيصل بن خالد"


def test_quotes_negated_speech_verb_reports_nothing():
    assert quotes("ولم يعلن البنكان بعد نتائج أعمالهما الفصلية.") == []


def test_quotes_headline_subject_before_a_present_verb():
    text, attrs = one("الرئيس اليمني يدعو الميليشيات إلى احترام الهدنة")
    assert attrs["speaker"]["text"] == "الرئيس اليمني"
    assert text.startswith("الميليشيات")


def test_quotes_bare_name_with_an_object_verbal_noun():
    text, attrs = one("وأكد شتاينماير تفهمه قلق الرياض من الاتفاق.")
    assert attrs["speaker"]["text"] == "شتاينماير" and text.startswith("تفهمه")


def test_quotes_title_prefers_the_earlier_speaker_to_a_later_object():
    found = quotes("أكد وزير الخارجية عادل الجبير أن المملكة حريصة على علاقاتها. وقال الجبير في "
                   "مؤتمر صحفي مع وزير الخارجية الألماني فرانك شتاينماير إن الحوار مستمر.\n\n"
                   "ورأى وزير الخارجية أن الاتفاق يحتاج إلى ضمانات.")
    assert found[-1][1]["speaker"]["name"] == "عادل الجبير"
    assert found[-1][1]["speaker"]["resolution"] == "title"


def test_quotes_name_ending_in_ta_marbuta_is_a_subject_not_an_owned_object():
    text, attrs = one("وحول دعم الإمارات لمصر قال حمودة إن الإمارات شاركت في حفر القناة.")
    assert attrs["speaker"]["text"] == "حمودة" and text.startswith("الإمارات شاركت")


def test_quotes_owned_noun_after_the_verb_is_the_object():
    found = quotes("وأعلنوا معارضتهم قرار القطيعة مع الحكومة.")
    assert all(q[1]["speaker"]["text"] != "معارضتهم" for q in found)


def test_quotes_topic_before_the_verb_is_not_its_subject():
    found = quotes("وقال دا سيلفا إن الفريق جاهز. وعن استعدادات فريقه للمباراة قال: «سارت الأمور كما خططنا لها».")
    assert found[1][1]["speaker"]["name"] == "دا سيلفا"
    assert found[1][1]["speaker"]["resolution"] == "continuation"


def test_quotes_demonstrative_subject_does_not_report():
    assert quotes("وهذا يؤكد أن الاتفاق جاء لصالح إيران.") == []


def test_quotes_mark_closed_in_the_wrong_place_does_not_hide_a_report():
    found = quotes("وقال رئيس اللجنة الأمنية إن القوات «تتقدم من المحور الشرقي، بينما أكد رئيس "
                   "الإقليم مسعود البارزاني إن الأكراد يفضلون الاستقلال».")
    assert [q[1]["speaker"]["name"] for q in found][-1] == "مسعود البارزاني"
    assert not found[0][0].endswith("بينما")


def test_quotes_continuation_from_a_known_name_as_subject_of_another_verb():
    found = quotes("قال الرئيس الروسي فلاديمير بوتين إن المحادثات جيدة. وقال الزعيم كيم إن بلاده "
                   "مستعدة.\n\nبدوره، أعاد بوتين التذكير بالماضي، وقال: «نحن نعمل باسم السلام».")
    assert found[-1][1]["speaker"]["name"] == "فلاديمير بوتين"


# -- speaker phrases: where the name is (read on SaudiNewsNet articles, evaluation only) --------
@pytest.mark.parametrize("sentence, speaker, name", [
    # a one-letter title abbreviation with its dot is part of the phrase, not a sentence end
    ("وقال مدير إدارة الحج بمنطقة مكة المكرمة د. محمد الزهراني إن الاستعدادات اكتملت.",
     "مدير إدارة الحج بمنطقة مكة المكرمة د. محمد الزهراني", "محمد الزهراني"),
    ("وأضاف أ. د. خالد العمري أن العمل مستمر.", "أ. د. خالد العمري", "خالد العمري"),
    # a kinship apposition names someone else (المواطن is no title: without NER, no name split)
    ("وقال المواطن العماني خالد زهران المعولي أخو المتوفى محمود المعولي إن الجمعية ساعدتهم.",
     "المواطن العماني خالد زهران المعولي", None),
    # a title chain: the name after the last title is the speaker, not the one in the genitive
    ("وقال مستشار الرئيس محمود عباس للشؤون الخارجية نبيل شعث إن المفاوضات متوقفة.",
     "مستشار الرئيس محمود عباس للشؤون الخارجية نبيل شعث", "نبيل شعث"),
])
def test_quotes_speaker_phrase_and_name(sentence, speaker, name):
    _, attrs = one(sentence)
    assert attrs["speaker"]["text"] == speaker
    assert attrs["speaker"]["name"] == name


def test_quotes_complement_glued_to_bi_after_a_named_person_ends_the_phrase():
    """After a name the NER tagged PERSON, an indefinite noun glued to ب is the verb's complement;
    بالإدارة after a title is not (مدير شؤون المعلمين بالإدارة عبدالله خضران)."""
    text = ("وأشاد السفير العماني الدكتور أحمد بن هلال البوسعيدي بجهود حكومة خادم الحرمين، مؤكدا أن "
            "الإخلاء تم بنجاح.")
    name = "أحمد بن هلال البوسعيدي"
    start = text.index(name)
    art = run(text, ents=[Span(start, start + len(name), "PERSON", "m1", {"entity_id": "e1"})],
              entities=[Entity("e1", "PERSON", name, name, None, [name], ["m1"])])
    (q,) = art.layer("quotes")
    assert q.attrs["speaker"]["text"] == "السفير العماني الدكتور " + name
    assert q.attrs["speaker"]["entity_id"] == "e1"
    _, attrs = one("وقال مدير شؤون المعلمين بالإدارة عبدالله خضران إن المقابلات تبدأ غدا.")
    assert attrs["speaker"]["text"] == "مدير شؤون المعلمين بالإدارة عبدالله خضران"


def test_quotes_place_inside_an_organisation_phrase_is_not_the_speaker():
    text = "وأوضحت إدارة التعليم بمحافظة القريات أن الحادث وقع صباح أمس."
    art = run_with_person(text, "القريات", "GPE")
    (q,) = art.layer("quotes")
    sp = q.attrs["speaker"]
    assert sp["text"] == "إدارة التعليم بمحافظة القريات"
    assert sp["entity_id"] is None and sp["name"] != "القريات"


def test_quotes_verbal_noun_in_a_construct_is_no_cue():
    """نقل/ذكر/رد ... are also verbal nouns: صهريج نقل المياه is 'a water-transport tanker'."""
    text, attrs = one("ويقول عبد المجيد الميسري أحد ملاك صهريج نقل المياه “كان الناس متحمسين "
                      "لفعل الخير في رمضان”.")
    assert attrs["cue"] == "ويقول" and text.startswith("كان الناس")
    assert quotes("وقالت الشركة إن خط نقل الطاقة تضرر.")[0][1]["cue"] == "وقالت"
    # a verb describing an indefinite noun is still a verb; so is one before its subject
    _, attrs = one("وهو أمر رد عليه كيم: «لقد تمكنا من رؤية المستقبل».")
    assert attrs["cue"] == "رد"
    _, attrs = one("ونقل التلفزيون الرسمي عن الوزير قوله إن الوضع مستقر.")
    assert attrs["cue"] == "ونقل"


def test_quotes_adverb_after_the_verb_is_no_speaker():
    _, attrs = one("وأعلنت الوزارة رسميا أن الامتحانات ستبدأ الأحد.")
    assert attrs["speaker"]["text"] == "الوزارة"
    _, attrs = one("وأعتبر شخصيا أن قراءة القرآن تعين الطلاب على تقويم ألسنتهم.")
    assert attrs["speaker"]["text"] != "شخصيا"


def test_quotes_scripture_in_braces_or_ornate_parentheses_quotes_god():
    found = quotes("وأضاف البيان أن القصاص عدل، وقال تعالى: {ولكم في القصاص حياة}.")
    text, attrs = found[-1]
    assert text == "ولكم في القصاص حياة" and attrs["kind"] == "direct"
    assert attrs["speaker"]["text"] == "تعالى" and attrs["speaker"]["name"] == "God"
    text, attrs = one("قال الله تعالى: \ufd3fيا أيها الذين آمنوا كتب عليكم القصاص\ufd3e صدق الله العظيم.")
    assert text == "يا أيها الذين آمنوا كتب عليكم القصاص"
    assert attrs["speaker"]["name"] == "God"


@pytest.mark.parametrize("sentence, speaker", [
    ("ودعت دائرة الإفتاء العام الله عز وجل أن يتقبل الشهداء.", "دائرة الإفتاء العام"),   # a prayer
    ("وأكدت الوزارة مواصلة العمل على تسجيل الوحدات العقارية.", "الوزارة"),      # the object
    ("ووفقا للأمم المتحدة 300 ألف شخص قتلوا في النزاع.", None),                   # a number
    ("وقال حزب الله إن مقاتليه تقدموا في الجبهة.", "حزب الله"),                     # a name
])
def test_quotes_speaker_phrase_ends_before_objects_numbers_and_prayers(sentence, speaker):
    found = quotes(sentence)
    texts = [a["speaker"]["text"] for _, a in found]
    if speaker is None:
        assert not any(t and any(c.isdigit() for c in t) for t in texts), texts
    else:
        assert texts == [speaker]


def test_quotes_speaker_name_keeps_a_first_letter_the_mention_lost():
    text = "وقال بدرو كالوخا إن التحكيم كان سيئا."
    art = run_with_person(text, "درو كالوخا")
    (q,) = art.layer("quotes")
    assert q.attrs["speaker"]["name"] == "بدرو كالوخا" and q.attrs["speaker"]["entity_id"] == "e1"


def test_quotes_noun_after_a_preposition_is_no_cue_and_no_continuation_subject():
    found = quotes("وقال الوزير سامي العلي «سنواصل العمل حتى النهاية»، في رد مقتضب على أسئلة "
                   "الصحافيين. وتابع «الأرضية ستكون أكثر أمانا».")
    assert [a["cue"] for _, a in found] == ["وقال", "وتابع"]
    assert found[1][1]["speaker"]["text"] == "الوزير سامي العلي"


@pytest.mark.parametrize("text, name, speaker, content", [
    # a head word then the person's name: the name belongs to the subject, not the content
    ("نفت الممثلة رجاء الجداوي ما تردد عن عزمها تقديم سيرة خالتها في عمل درامي.", "رجاء الجداوي",
     "الممثلة رجاء الجداوي", "ما تردد"),
    # a title, its complement, the name (NER left the family name out), then the object
    ("وأكد مدير هيئة العلاج بالمدينة عبدالعزيز العنزي أهمية مشاركة المرضى في المجتمع.", "عبدالعزيز",
     "مدير هيئة العلاج بالمدينة عبدالعزيز العنزي", "أهمية مشاركة"),
])
def test_quotes_subject_of_an_object_verb_ends_with_the_persons_name(text, name, speaker, content):
    (q,) = run_with_person(text, name).layer("quotes")
    assert q.attrs["speaker"]["text"] == speaker
    assert text[q.start:q.end].startswith(content)
