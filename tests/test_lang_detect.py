"""Article language from script and function words, and the pipeline skipping Arabic-only
components on other languages (sentences and tokens still run)."""
from __future__ import annotations

import pytest

from marsad.api import process_text
from marsad.lang import detect
from marsad.pipeline import load_pipeline

ARABIC = ("قال وزير الخارجية السعودي إن المملكة تدعم الحل السياسي في اليمن، وأضاف أن المفاوضات "
          "ستستأنف الأسبوع المقبل في جنيف بحضور ممثلين عن الأطراف كافة.")
ENGLISH = ("The foreign minister said on Monday that the talks with the rebels would resume next "
           "week in Geneva, and that all parties had agreed to send their delegations.")
FRENCH = ("Le ministre des affaires étrangères a déclaré lundi que les négociations reprendront "
          "la semaine prochaine à Genève et que les délégations sont attendues par les médiateurs.")
PERSIAN = ("وزیر امور خارجه ایران گفت که مذاکرات هفته آینده در ژنو از سر گرفته می شود و این "
           "دور از گفتگوها برای همه طرف ها مهم است و هیئت ها را به آنجا خواهند فرستاد.")
# an Arabic film list: English titles are most of the letters, Arabic still a fifth of them
FILM_LIST = ("أفضل عشرة أفلام في عام ١٩٧٣ بحسب نقاد المجلة: 1. The Sting | George Roy Hill "
             "2. Serpico | Sidney Lumet 3. Mean Streets | Martin Scorsese، وهي قائمة تعكس ذوق "
             "النقاد في تلك السنة وتنوع السينما الأميركية")


@pytest.mark.parametrize("text, lang", [
    (ARABIC, "ar"), (ENGLISH, "en"), (FRENCH, "fr"), (PERSIAN, "fa"), (FILM_LIST, "ar"),
    ("", "ar"), ("OK", "ar"), ("1234 5678 ...", "ar"),
    ("Xq zorblat vintu krastu plomeni drava sutki morvel tanqo lipsu varno dekti", "und"),
])
def test_detect_language(text, lang):
    assert detect(text) == lang


def test_pipeline_runs_only_language_neutral_components_on_english():
    pipe = load_pipeline()
    (en,) = process_text(ENGLISH + "\n\n" + ENGLISH, pipeline=pipe)
    assert en.meta.lang == "en"
    assert set(en.layers) >= {"sents", "tokens"}
    assert not ({"ents", "quotes", "events", "dates"} & set(en.layers))
    assert "quotes" not in en.to_dict()["annotated"]
    (ar,) = process_text(ARABIC + "\n\n" + ARABIC, pipeline=pipe)
    assert ar.meta.lang == "ar"
    assert {"ents", "quotes", "events", "dates", "quantities"} <= set(ar.layers)
    assert any(q.attrs["cue"] == "قال" for q in ar.layer("quotes"))
