"""Whole-page text dumps (a browser's innerText of a news page): menus, tickers, breadcrumbs,
publication-date lines, 'كتبت X' bylines, tag lists, related headline lists and comment boxes
around one story. The page in tests/pages/whole_page_chrome.txt is hand-written in the shape of
real Egyptian, Jordanian and Emirati news pages; expected values are read from it by hand."""
from __future__ import annotations

from pathlib import Path

import pytest

from marsad.ingest import RawPage
from marsad.segment.chrome import date_line_value
from marsad.segment.text import segment_text_page

PAGES = Path(__file__).parent / "pages"


def segment_text(text: str, name: str = "page.txt"):
    return segment_text_page(RawPage(source=name, kind="text", data=text))


def test_whole_page_dump_yields_the_one_story_with_date_and_author():
    text = (PAGES / "whole_page_chrome.txt").read_text(encoding="utf-8")
    (art,) = segment_text(text)
    assert art.title == "وزير الزراعة يطلق خطة لترشيد استهلاك المياه في الري"
    assert art.meta.published == "2021-03-14"
    assert art.meta.author == "سارة محمود"
    assert len(art.paragraphs) == 3
    assert art.paragraphs[0].startswith("أطلق وزير الزراعة")
    assert art.subheads == ["مراحل التنفيذ"]
    for chrome in ("Toggle navigation", "ارتفاع أسعار الذهب", "تكنولوجيا", "لا توجد تعليقات",
                   "جميع الحقوق", "الرئيسية  أخبار محلية", "الأحد، 14 مارس"):
        assert chrome not in art.text
    titles = [c["title"] for c in art.related()]
    assert titles[0] == "الزراعة: توزيع تقاوي القمح على المزارعين بأسعار مدعمة"


@pytest.mark.parametrize("line, value", [
    ("الأحد، 14 مارس 2021 10:35 ص", "2021-03-14"),
    ("تم نشره الجمعة 24 نيسان / أبريل 2020 09:22 مساءً", "2020-04-24"),
    ("٠٢:٠٠ الثلاثاء ١ / ١٢ / ٢٠٢٠", "2020-12-01"),
    ("November 9, 2020", "2020-11-09"),
    ("ديسمبر 25, 2020", "2020-12-25"),
    ("2020/12/25 - 1:59 صباحًا", "2020-12-25"),
    ("آخر تحديث: 3 يونيو 2020", "2020-06-03"),
])
def test_date_lines_give_their_iso_day(line, value):
    assert date_line_value(line) == value


@pytest.mark.parametrize("line", [
    "وزير الزراعة يزور المحافظة في 14 مارس 2021 لافتتاح مشروع الري الجديد",
    "الدوري المصري 2021",
    "مراحل التنفيذ",
])
def test_lines_that_mention_a_date_are_not_date_lines(line):
    assert date_line_value(line) is None


def test_headline_list_above_the_story_does_not_take_the_title():
    page = "\n".join([
        "الزمالك يرفض اعتذار لاعبه ويقرر تقديم شكوى رسمية",
        "ارتفاع الصادرات الزراعية خلال الربع الأول من العام",
        "الحكومة تعلن موعد امتحانات الثانوية العامة",
        "افتتاح محطة جديدة لتحلية مياه البحر في الغردقة",
        "الاثنين، 5 أبريل 2021 08:00 م",
        "",
        "افتتح رئيس الوزراء اليوم محطة جديدة لتحلية مياه البحر في مدينة الغردقة بطاقة مئة ألف متر "
        "مكعب يومياً، ضمن خطة الدولة لتأمين مياه الشرب في المدن الساحلية.",
        "",
        "وقال رئيس الوزراء إن المحطة تخدم أكثر من ثلاثمئة ألف نسمة، وإن الحكومة تعتزم إنشاء ثلاث "
        "محطات أخرى على ساحل البحر الأحمر خلال العامين المقبلين.",
    ])
    (art,) = segment_text(page)
    assert art.title == "افتتاح محطة جديدة لتحلية مياه البحر في الغردقة"
    assert art.meta.published == "2021-04-05"
    assert "الزمالك" not in art.text


def test_teaser_lists_are_not_stories_and_a_short_gap_heading_stays_a_subhead():
    story = [
        "الأمم المتحدة تحذر من نقص الغذاء في منطقة الساحل",
        "",
        "حذرت الأمم المتحدة اليوم من نقص حاد في الغذاء يهدد ملايين السكان في منطقة الساحل "
        "الأفريقي، بسبب الجفاف وارتفاع الأسعار والنزاعات المسلحة في عدة دول.",
        "",
        "وقال برنامج الأغذية العالمي إن أكثر من عشرة ملايين شخص يحتاجون إلى مساعدات عاجلة.",
        "", "", "",
        "أرقام مقلقة",
        "",
        "وأضاف البرنامج أن التمويل المتاح لا يغطي سوى ربع الاحتياجات المقدرة لهذا العام.",
    ]
    teasers = [
        "", "", "",
        "قمة أفريقية لبحث الأمن الغذائي الشهر المقبل",
        "وزراء الزراعة الأفارقة يجتمعون في أديس أبابا لبحث خطة مشتركة لمواجهة الجفاف...",
        "وتعهدات دولية بتمويل برامج الري في دول الساحل الأفريقي خلال السنوات الخمس المقبلة...",
    ]
    arts = segment_text("\n".join(story + teasers))
    assert [a.title for a in arts] == ["الأمم المتحدة تحذر من نقص الغذاء في منطقة الساحل"]
    assert arts[0].subheads == ["أرقام مقلقة"]
    assert len(arts[0].paragraphs) == 3


def test_related_card_with_a_kataba_byline_has_an_author_and_no_place():
    page = "\n\n".join([
        "تراجع معدلات البطالة إلى أدنى مستوى منذ عشر سنوات",
        "أعلن جهاز الإحصاء اليوم تراجع معدل البطالة إلى سبعة في المائة خلال الربع الأخير من العام، "
        "وهو أدنى مستوى يسجله منذ عشر سنوات بحسب البيانات الرسمية.",
        "وأرجع الجهاز التراجع إلى زيادة فرص العمل في قطاعي البناء والسياحة خلال الأشهر الماضية.",
        "أخبار ذات صلة",
        "ارتفاع الاستثمارات الأجنبية المباشرة خلال العام الماضي",
        "كتب أحمد علي",
    ])
    (art,) = segment_text(page)
    (card,) = art.related()
    assert card["title"] == "ارتفاع الاستثمارات الأجنبية المباشرة خلال العام الماضي"
    assert card["author"] == "أحمد علي"
    assert card.get("dateline") is None


def test_a_dated_signed_brief_is_a_story_though_short():
    page = "\n".join([
        "مهرجان للتمور في بريدة بمشاركة مئتي مزارع",
        "كتب خالد السالم",
        "2021/09/12 - 10:15 صباحًا",
        "",
        "انطلق اليوم مهرجان التمور في بريدة بمشاركة مئتي مزارع من منطقة القصيم، ويستمر أسبوعين.",
    ])
    (art,) = segment_text(page)
    assert art.title == "مهرجان للتمور في بريدة بمشاركة مئتي مزارع"
    assert art.meta.published == "2021-09-12" and art.meta.author == "خالد السالم"
    assert len(art.paragraphs) == 1


def test_poll_widget_source_line_and_inline_link_stay_out_of_the_story():
    """tests/pages/poll_and_inline_link.txt, hand-written in the shape of an Emirati page: a site
    date above the headline, a reader poll between headline and body, a 'المصدر: (place - paper)'
    source, the story's own date line, and an inline link (a bare © credit and a headline) between
    two paragraphs of the same story."""
    text = (PAGES / "poll_and_inline_link.txt").read_text(encoding="utf-8")
    (art,) = segment_text(text)
    assert art.title == "السفير الياباني يشيد بجهود البلدية في تنظيم المعرض الزراعي"
    assert art.meta.published == "2020-06-03"
    for widget in ("استطلاع الرأي", "هل تؤيد نقل المعرض", "عرض النتائج", "Poll", "© الرأي"):
        assert widget not in art.text
    assert len(art.paragraphs) == 4
    assert art.paragraphs[2].startswith("وأشار إلى أن الجانب الياباني")


def test_the_date_nearest_the_body_is_the_publication_date():
    """A site header line and today's date above the headline, the story's own date below it."""
    text = ("خدمة الأخبار العاجلة عبر الهاتف والبريد\nالاثنين 1 يونيو 2020\n"
            "عنوان الخبر الرئيسي عن افتتاح المعرض\nالأربعاء 3 يونيو 2020\n\n"
            + "افتتح المعرض الزراعي السنوي أبوابه أمام الزوار. " * 6 + "\n\n"
            + "وشهد اليوم الأول إقبالاً كبيراً من العائلات والمزارعين. " * 5 + "\n")
    (art,) = segment_text(text)
    assert art.title == "عنوان الخبر الرئيسي عن افتتاح المعرض"
    assert art.meta.published == "2020-06-03"


def test_long_headline_above_the_date_under_a_masthead_and_menu():
    """A 17-word interview headline (paragraph-long, no sentence end) right above the date line,
    and a masthead line above the section menu: the headline is the title, the masthead is chrome."""
    menu = "\n".join(["الأولى", "الحياة الوطنية", "وطنية", "الاقتصادية", "جهات", "رياضة"])
    title = ("الناشط الحقوقي خالد ماسا لـ«الصباح»: كل الشروط متوفرة لتغيير سياسي سلمي "
             "ولا حاجة لأن نستورد شيئا من الخارج")
    text = ("المؤسس : علي صالح - الجمعة 8 فيفري 2019\n" + menu + "\n\n" + title
            + "\nالجمعة 8 فيفري 2019\n\n"
            + "تحدث الناشط الحقوقي عن المشهد السياسي في بلاده بصراحة ووضوح شديدين. " * 4 + "\n\n"
            + "وأوضح أن الجيل الجديد يطالب بالحرية والكرامة والعدالة الاجتماعية. " * 4 + "\n")
    (art,) = segment_text(text)
    assert len(title.split()) >= 16
    assert art.title == title
    assert art.meta.published == "2019-02-08"
    assert "المؤسس" not in art.text


P1 = ("أعلنت وزارة الصحة اليوم تسجيل حالات جديدة في عدد من المناطق، مؤكدة أن الوضع تحت السيطرة "
      "وأن الفرق الطبية تعمل على مدار الساعة لمتابعة الحالات.")
P2 = ("وأضافت الوزارة أن نسبة التعافي ارتفعت خلال الأسبوع الماضي، داعية المواطنين إلى الالتزام "
      "بالإجراءات الاحترازية وعدم التجمع في الأماكن العامة والمغلقة.")
P3 = ("وأشارت إلى أن حملة التطعيم ستتوسع الشهر المقبل لتشمل الفئات العمرية الأصغر، بعد وصول "
      "شحنات جديدة من اللقاحات إلى مطار العاصمة خلال الأيام المقبلة.")
TEASER = ("حذرت منظمة الصحة العالمية من موجة جديدة من الإصابات خلال فصل الشتاء في عدد من الدول "
          "التي خففت القيود في الأشهر الماضية.")


def test_inline_read_also_box_does_not_split_the_story():
    text = (f"الصحة تعلن تسجيل حالات جديدة وارتفاع نسبة التعافي\n\n{P1}\n\n{P2}\n\nاقرأ أيضاً:\n"
            f"الصحة العالمية تحذر من موجة جديدة في الشتاء\n\n{P3}\n\n{P2}\n")
    (art,) = segment_text(text)
    assert len(art.paragraphs) == 4 and art.paragraphs[2] == P3
    assert "تحذر من موجة" not in art.text


def test_read_also_rail_of_teasers_after_the_story_stays_a_rail():
    text = (f"الصحة تعلن تسجيل حالات جديدة وارتفاع نسبة التعافي\n\n{P1}\n\n{P2}\n\nاقرأ أيضاً\n"
            f"الصحة العالمية تحذر من موجة جديدة في الشتاء\n{TEASER}\nسارة محمود (جنيف)\n"
            f"اللقاحات تصل إلى المطار الأسبوع المقبل\n{TEASER}\nأحمد علي (الرياض)\n")
    (art,) = segment_text(text)
    assert len(art.paragraphs) == 2
    assert [c["title"] for c in art.related()] == ["الصحة العالمية تحذر من موجة جديدة في الشتاء",
                                                   "اللقاحات تصل إلى المطار الأسبوع المقبل"]
