"""``quantities.v1``: numbers in digits and words, money, percentages, casualty counts, measures.

Layer ``quantities``: label ``QUANTITY`` | ``MONEY`` | ``PERCENT`` | ``CASUALTIES``; attrs
``value`` (float|int; ``عشرات`` gives 10 with ``approx`` True), ``unit`` (ISO 4217 code or a
currency word, ``%``, ``killed``/``injured``, ``mm``/``km``/``kg`` ...; None for a plain count),
``kind`` (cardinal | money | percent | casualties | measure). Numbers inside date expressions
(the ``dates`` layer, or :func:`marsad.components.dates.find_dates` when absent) are skipped.
"""
from __future__ import annotations

import re
from typing import Any

from ..document import Article, Span
from ..events.lexicon import cached_view, occurrences, view_words

UNITS_1 = {"واحد": 1, "واحده": 1, "اثنان": 2, "اثنين": 2, "اثنتان": 2, "اثنتين": 2, "ثلاث": 3,
           "ثلاثه": 3, "اربع": 4, "اربعه": 4, "خمس": 5, "خمسه": 5, "ست": 6, "سته": 6, "سبع": 7,
           "سبعه": 7, "ثماني": 8, "ثمانيه": 8, "ثمان": 8, "تسع": 9, "تسعه": 9, "عشر": 10,
           "عشره": 10}
TENS = {"عشرون": 20, "عشرين": 20, "ثلاثون": 30, "ثلاثين": 30, "اربعون": 40, "اربعين": 40,
        "خمسون": 50, "خمسين": 50, "ستون": 60, "ستين": 60, "سبعون": 70, "سبعين": 70,
        "ثمانون": 80, "ثمانين": 80, "تسعون": 90, "تسعين": 90}
HUNDREDS = {"مئه": 100, "مائه": 100, "مئتان": 200, "مئتين": 200, "مائتان": 200, "مائتين": 200,
            "ثلاثمئه": 300, "ثلاثمائه": 300, "اربعمئه": 400, "اربعمائه": 400, "خمسمئه": 500,
            "خمسمائه": 500, "ستمئه": 600, "ستمائه": 600, "سبعمئه": 700, "سبعمائه": 700,
            "ثمانمئه": 800, "ثمانمائه": 800, "تسعمئه": 900, "تسعمائه": 900}
SCALES = {"الف": 1e3, "الفا": 1e3, "الاف": 1e3, "الفين": 2e3, "الفان": 2e3, "مليون": 1e6,
          "ملايين": 1e6, "مليونا": 1e6, "مليونين": 2e6, "مليار": 1e9, "مليارات": 1e9,
          "مليارا": 1e9, "بليون": 1e9, "ترليون": 1e12, "تريليون": 1e12}
DUALS = {"الفين", "الفان", "مليونين"}
APPROX = {"عشرات": 10, "مئات": 100, "الاف": 1000, "الوف": 1000, "ملايين": 1e6}
CURRENCIES = {"دولار": "USD", "دولارا": "USD", "دولارات": "USD", "يورو": "EUR", "ريال": "SAR",
              "ريالا": "SAR", "ريالات": "SAR", "جنيه": "EGP", "جنيها": "EGP", "درهم": "AED",
              "درهما": "AED", "دينار": "dinar", "دينارا": "dinar", "ليره": "lira", "روبل": "RUB",
              "ين": "JPY", "يوان": "CNY", "استرليني": "GBP", "$": "USD", "€": "EUR"}
CURRENCY_COUNTRY = {"قطري": "QAR", "عماني": "OMR", "يمني": "YER", "ايراني": "IRR",
                    "كويتي": "KWD", "اردني": "JOD", "عراقي": "IQD", "بحريني": "BHD", "سعودي": "SAR",
                    "اماراتي": "AED", "مصري": "EGP", "سوري": "SYP", "لبناني": "LBP",
                    "تركي": "TRY", "استرليني": "GBP", "امريكي": "USD", "اميركي": "USD"}
MEASURES = {"ملم": "mm", "مم": "mm", "مليمتر": "mm", "سم": "cm", "كلم": "km", "كم": "km",
            "كيلومتر": "km", "كيلومترا": "km", "كيلومترات": "km", "متر": "m", "مترا": "m",
            "امتار": "m", "كيلوغرام": "kg", "كيلوجرام": "kg", "كغ": "kg", "كجم": "kg", "طن": "t",
            "طنا": "t", "اطنان": "t", "برميل": "bbl", "برميلا": "bbl", "ميغاواط": "MW",
            "ميجاوات": "MW", "درجه": "deg", "درجات": "deg", "هكتار": "ha", "ماخ": "Mach",
            "عاما": "year", "سنوات": "year", "اعوام": "year", "ساعه": "h", "ساعات": "h",
            "دقيقه": "min", "دقائق": "min", "يوما": "day", "ايام": "day"}
KILLED = {"قتيل", "قتيلا", "قتلي", "شهيد", "شهيدا", "شهداء"}
INJURED = {"جريح", "جريحا", "جرحي", "مصاب", "مصابا", "مصابين", "اصابات"}
DEATH_BEFORE = {"مقتل", "مصرع", "استشهاد", "قتل", "وفاه"}
INJURY_BEFORE = {"اصابه", "جرح"}
PERCENT_AFTER = re.compile(r"\s*(?:%|٪|(?:في|بال)\s*(?:ال)?(?:مئه|مائه))")
_WORD = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+|[$€%]")
WORD_NUMBERS = {**UNITS_1, **TENS, **HUNDREDS}


class QuantityTagger:
    name = "quantities.v1"
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ("quantities",)

    def __call__(self, article: Article) -> Article:
        dates = article.layers.get("dates")
        if dates is None:
            from .dates import find_dates
            dates = find_dates(article.text, article.meta.published)
        article.set_layer("quantities", find_quantities(article.text, dates))
        return article


def _bare(word: str) -> str:
    for pre in ("وال", "بال", "لل", "ال", "و", "ب", "ل"):
        if word.startswith(pre) and len(word) - len(pre) >= 2 and _is_num_word(word[len(pre):]):
            return word[len(pre):]
    return word


def _is_num_word(w: str) -> bool:
    return w in WORD_NUMBERS or w in SCALES or w in APPROX


_NUM_PREFIXES = ("", "وال", "بال", "لل", "ال", "و", "ب", "ل")
NUMBER_KEYS = frozenset(p + w for w in (*WORD_NUMBERS, *SCALES, *APPROX) for p in _NUM_PREFIXES)


def _is_number(w: str) -> bool:
    return w[:1].isdigit() or w in NUMBER_KEYS


def find_quantities(text: str, dates: list[Span] = ()) -> list[Span]:
    if not text:
        return []
    view = cached_view(text)
    windows = _windows(view.text)
    if not windows:
        return []
    blocked = [(view.from_original(d.start), view.from_original(d.end)) for d in dates]
    spans: list[Span] = []
    for a, b in windows:
        words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(view.text, a, b)]
        _read_window(view, words, blocked, spans)
    return spans


WINDOW_BEFORE, WINDOW_AFTER = 30, 100      # chars around a number: the word before, units after
_DIGITS = re.compile(r"\d+")
_LETTERS = re.compile(r"[^\W\d_]+")


def _windows(text: str) -> list[tuple[int, int]]:
    """Stretches of the text around digits and number words, cut at whitespace and merged:
    only these are tokenised (most of an article has no number)."""
    starts = [m.start() for m in _DIGITS.finditer(text)]
    words = view_words(text)
    for w in words & NUMBER_KEYS:
        starts += occurrences(text, w)
    for w in words:                        # #ثمان_واربعون: letter runs inside a \w+ run
        if "_" in w:
            inner = [m.start() for m in _LETTERS.finditer(w) if m.group() in NUMBER_KEYS]
            starts += [s + k for s in occurrences(text, w) for k in inner]
    if not starts:
        return []
    starts.sort()
    out: list[list[int]] = []
    for s in starts:
        a, b = _snap_left(text, s - WINDOW_BEFORE), _snap_right(text, s + WINDOW_AFTER)
        if out and a <= out[-1][1]:
            out[-1][1] = max(out[-1][1], b)
        else:
            out.append([a, b])
    return [(a, b) for a, b in out]


def _snap_left(text: str, i: int) -> int:
    if i <= 0:
        return 0
    while i > 0 and not text[i - 1].isspace():
        i -= 1
    return i


def _snap_right(text: str, i: int) -> int:
    n = len(text)
    while i < n and not text[i].isspace():
        i += 1
    return min(i, n)


def _read_window(view, words, blocked, spans: list[Span]) -> None:
    i = 0
    while i < len(words):
        if not _is_number(words[i][2]) or any(a <= words[i][0] < b for a, b in blocked):
            i += 1
            continue
        j, value, approx = _read_number(words, i)
        if j == i:
            i += 1
            continue
        label, unit, kind, a, b = _classify(words, i, j, view.text)
        s, e = view.to_original_span(a, b)
        attrs: dict[str, Any] = {"value": value, "unit": unit, "kind": kind}
        if approx:
            attrs["approx"] = True
        spans.append(Span(s, e, label, id=f"q{len(spans) + 1}", attrs=attrs))
        i = max(j, _after(words, b, i + 1))


def _after(words, end: int, k: int) -> int:
    """The first word at or after ``end`` (the words before ``k`` all start before it)."""
    while k < len(words) and words[k][0] < end:
        k += 1
    return k


def _read_number(words, i: int) -> tuple[int, float | int | None, bool]:
    total, current, approx, j = 0.0, 0.0, False, i
    while j < len(words):
        w = words[j][2]
        b = _bare(w)
        if w[:1].isdigit() and j == i:
            current = _digits(w)
        elif b in APPROX and not (current or total) and b not in ("الاف",) or b in ("عشرات", "مئات"):
            approx, current = True, (current or 1) * APPROX[b] if b != "الاف" else APPROX[b]
        elif b in SCALES:
            mult = SCALES[b] if b not in DUALS else SCALES[b]
            total += (current or 1) * mult if b not in DUALS else mult
            current = 0.0
            approx = approx or (b in APPROX and j == i)
        elif b in WORD_NUMBERS and not w[:1].isdigit():
            current += WORD_NUMBERS[b]
        elif w == "و" or (w.startswith("و") and _bare(w[1:]) in WORD_NUMBERS) and j > i:
            if w != "و":
                current += WORD_NUMBERS[_bare(w[1:])]
        else:
            break
        j += 1
    value = total + current
    return j, int(value) if value == int(value) else value, approx


def _digits(w: str) -> float:
    if "," in w and "." not in w and re.fullmatch(r"\d{1,3}(?:,\d{3})+", w):
        return float(w.replace(",", ""))
    try:
        return float(w.replace(",", "."))
    except ValueError:
        return float(re.sub(r"[^\d]", "", w) or 0)


def _classify(words, i: int, j: int, text: str):
    first = words[i][2]
    a, b = words[i][0] + len(first) - len(_bare(first)), words[j - 1][1]
    nxt = _bare(words[j][2]) if j < len(words) else ""
    nxt2 = words[j + 1][2] if j + 1 < len(words) else ""
    prev = _bare(words[i - 1][2].lstrip("و")) if i > 0 else ""
    pct = PERCENT_AFTER.match(text, b)
    if pct:
        return "PERCENT", "%", "percent", a, pct.end()
    if nxt in CURRENCIES or prev == "$":
        unit = CURRENCIES.get(nxt, "USD")
        end = words[j][1] if nxt in CURRENCIES else b
        if nxt2 in CURRENCY_COUNTRY:
            unit, end = CURRENCY_COUNTRY[nxt2], words[j + 1][1]
        return "MONEY", unit, "money", (words[i - 1][0] if prev == "$" else a), end
    if nxt in KILLED or prev in DEATH_BEFORE:
        return "CASUALTIES", "killed", "casualties", a, (words[j][1] if nxt in KILLED else b)
    if nxt in INJURED or prev in INJURY_BEFORE:
        return "CASUALTIES", "injured", "casualties", a, (words[j][1] if nxt in INJURED else b)
    if nxt in MEASURES:
        return "QUANTITY", MEASURES[nxt], "measure", a, words[j][1]
    return "QUANTITY", None, "cardinal", a, b
