"""``dates.v1``: date expressions in Arabic news, normalised to ISO values.

Layer ``dates``: label ``DATE``; attrs ``value`` (ISO 8601: ``2024-11-22``, ``2024-11``, ``2024``,
``2024-W46``; None when a relative date cannot be resolved), ``kind`` (absolute | relative),
``calendar`` (gregorian | hijri), ``granularity`` (day | week | month | year), and for Hijri
dates ``hijri`` (``1436-09-15``). Handled:

* Gregorian with MSA, Levantine and Maghrebi month names: ``22 نوفمبر 2024``، ``مارس 2022``،
  ``مايو (أيار) من العام الماضي``، ``كانون الثاني 2015``، ``22/11/2024``، ``عام 2019``;
* Hijri: ``15 رمضان 1436 هـ`` (converted with hijridate), ``شوال 1436``;
* weekdays (``الجمعة``: the latest such day on or before publication, ``المقبل``: the next) and
  relative words (``أمس``، ``أول من أمس``، ``اليوم``، ``غدا``، ``الأسبوع/الشهر/العام الماضي``)
  resolved against ``article.meta.published``; without it they stay ``kind="relative"`` with
  ``value`` None and ``relative`` saying what they mean (``-1d``, ``-1y``).

Matching runs on the normalised view (Eastern Arabic digits folded), offsets map back.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ..document import Article, Span
from ..events.lexicon import cached_view

GREG_MONTHS = {
    "يناير": 1, "فبراير": 2, "مارس": 3, "ابريل": 4, "افريل": 4, "مايو": 5, "يونيو": 6, "يونيه": 6,
    "يوليو": 7, "يوليه": 7, "اغسطس": 8, "سبتمبر": 9, "اكتوبر": 10, "نوفمبر": 11, "ديسمبر": 12,
    "جانفي": 1, "فيفري": 2, "ماي": 5, "جوان": 6, "جويليه": 7, "اوت": 8,
    "كانون الثاني": 1, "شباط": 2, "اذار": 3, "نيسان": 4, "ايار": 5, "حزيران": 6, "تموز": 7,
    "اب": 8, "ايلول": 9, "تشرين الاول": 10, "تشرين الثاني": 11, "كانون الاول": 12,
}
# Month names that are also common words: only with a day, a year or a bracketed twin.
AMBIGUOUS_MONTHS = {"اب", "ماي", "اوت"}
HIJRI_MONTHS = {
    "محرم": 1, "صفر": 2, "ربيع الاول": 3, "ربيع الثاني": 4, "ربيع الاخر": 4, "جمادي الاولي": 5,
    "جمادي الاول": 5, "جمادي الثانيه": 6, "جمادي الاخره": 6, "جمادي الاخر": 6, "رجب": 7,
    "شعبان": 8, "رمضان": 9, "شوال": 10, "ذو القعده": 11, "ذي القعده": 11, "ذو الحجه": 12,
    "ذي الحجه": 12,
}
WEEKDAYS = {"الاثنين": 0, "الثلاثاء": 1, "الاربعاء": 2, "الخميس": 3, "الجمعه": 4, "السبت": 5,
            "الاحد": 6}
RELATIVE_DAYS = {"اول من امس": -2, "اول امس": -2, "امس الاول": -2, "امس": -1, "البارحه": -1,
                 "اليوم": 0, "بعد غد": 2, "غدا": 1}
UNITS = {"الاسبوع": "week", "الشهر": "month", "العام": "year", "السنه": "year"}
DIRECTIONS = {"الماضي": -1, "الماضيه": -1, "المنصرم": -1, "المنصرمه": -1, "الفائت": -1,
              "السابق": -1, "المقبل": 1, "المقبله": 1, "القادم": 1, "القادمه": 1, "الجاري": 0,
              "الحالي": 0, "الحاليه": 0}


def _alt(words) -> str:
    return "|".join(sorted((re.escape(w).replace(r"\ ", r"\s+") for w in words), key=len, reverse=True))


_P = r"(?<![\w])[وفبل]?"
_END = r"(?![\w])"
_DAY = r"(?P<day>[0-3]?\d)"
_YEAR = r"(?P<year>(?:1[3-9]|20)\d\d)"
GREG = re.compile(
    rf"{_P}(?P<x>(?:{_DAY}\s*(?:من\s+)?)?(?:شهر\s+)?(?P<month>{_alt(GREG_MONTHS)}){_END}"
    rf"(?:\s*[(/-]\s*(?P<twin>{_alt(GREG_MONTHS)})\s*\)?)?"
    rf"(?:\s*,?\s*(?:من\s+)?(?:(?:عام|العام|سنه)\s+)?{_YEAR}(?:\s*م{_END})?"
    rf"|\s+(?:من\s+)?(?P<rel>(?:هذا\s+)?(?:العام|السنه)(?:\s+(?:{_alt(DIRECTIONS)}))?){_END}"
    rf"|\s+(?P<mdir>{_alt(DIRECTIONS)}){_END})?)")
HIJRI = re.compile(
    rf"{_P}(?P<x>(?:{_DAY}\s+)?(?:شهر\s+)?(?P<month>{_alt(HIJRI_MONTHS)}){_END}"
    rf"(?:\s+(?:من\s+)?(?:عام\s+)?(?P<year>1[34]\d\d)(?:\s*(?:هـ|ه|هجريه|للهجره){_END})?)?)")
NUMERIC = re.compile(r"(?<![\w/.-])(?P<x>(?P<a>\d{1,4})[/.-](?P<b>\d{1,2})[/.-](?P<c>\d{1,4}))(?![\w/.-])")
YEAR_ONLY = re.compile(rf"{_P}(?P<x>(?:عام|العام|سنه|لعام)\s+{_YEAR}(?:\s*م)?){_END}")
WEEKDAY = re.compile(rf"(?<![\w])[وف]?(?:ب|ل)?(?P<x>(?:يوم\s+)?(?P<wd>{_alt(WEEKDAYS)})"
                     rf"(?:\s+(?P<dir>{_alt(DIRECTIONS)}))?){_END}")
REL_WEEKDAY = re.compile(rf"(?<![\w])[وف]?(?P<x>(?P<rel>امس|اليوم|غدا)\s*(?:\(\s*)?(?:يوم\s+)?"
                         rf"(?P<wd>{_alt(WEEKDAYS)})(?:\s*\))?)(?![\w])")
YEAR_CONTEXT = re.compile(rf"(?<![\w])(?:[وف]?(?:عامي|حتي|منذ|بين|خلال|مطلع|نهايه|بدايه|منتصف)\s+|و)"
                          rf"(?P<x>{_YEAR})(?:\s*م)?{_END}")
HIJRI_MONTH_ALONE = re.compile(rf"(?<![\w])[وف]?(?:في|خلال|شهر|ب)\s+(?P<x>(?:شهر\s+)?(?P<month>رمضان|شوال|محرم|ذي الحجه|ذو الحجه)){_END}")
REL_DAY = re.compile(rf"(?<![\w])[وف]?(?P<x>(?P<rel>{_alt(RELATIVE_DAYS)})){_END}"
                     r"(?!\s+(?:ال)?(?:اول|ثاني|ثالث|رابع|خامس|اخير|تالي|نفسه|الوطني|العالمي|التالي))")
REL_UNIT = re.compile(rf"(?<![\w])[وفبل]?(?P<x>(?:(?P<this>هذا|هذه)\s+)?(?P<unit>{_alt(UNITS)})"
                      rf"(?:\s+(?P<dir>{_alt(DIRECTIONS)}))?){_END}")


# Scanning: each pattern runs only on windows of the text around words every one of its matches
# contains (a month name, a weekday, ...), found with str.find; windows are cut at whitespace
# and merged, wide enough for the longest match (same matches as a scan of the whole text).
GREG_KEYS = tuple(sorted({k.split()[0] for k in GREG_MONTHS}))
HIJRI_KEYS = ("محرم", "صفر", "ربيع", "جمادي", "رجب", "شعبان", "رمضان", "شوال", "القعده", "الحجه")
WEEKDAY_KEYS = tuple(WEEKDAYS)
SCAN_BEFORE, SCAN_AFTER = 40, 120          # chars: the longest match is ~70 around its key
_NUMERIC_SPOT = re.compile(r"\d[/.-]\d")
_YEAR_SPOT = re.compile(r"(?:1[3-9]|20)\d\d")
_MONTH_RUN = re.compile(r"[وفبل]?(?:[0-3]?\d)?")


def _scan(pattern: re.Pattern, text: str, keys, keep=None):
    spots = _spots(text, keys, keep)
    if not spots:
        return
    a, b = _window(text, spots[0])
    for s in spots[1:]:
        s_a, s_b = _window(text, s)
        if s_a <= b:
            b = max(b, s_b)
            continue
        yield from pattern.finditer(text, a, b)
        a, b = s_a, s_b
    yield from pattern.finditer(text, a, b)


def _spots(text: str, keys, keep) -> list[int]:
    if isinstance(keys, re.Pattern):
        return [m.start() for m in keys.finditer(text)]
    out = []
    for k in keys:
        i = text.find(k)
        while i >= 0:
            if keep is None or keep(text, i, len(k)):
                out.append(i)
            i = text.find(k, i + 1)
    out.sort()
    return out


def _month_spot(text: str, i: int, n: int) -> bool:
    """A month name ends its word and only a clitic or a day may precede it in the word
    (و22نوفمبر): كتاب does not hold the month آب."""
    if i + n < len(text) and (text[i + n].isalnum() or text[i + n] == "_"):
        return False
    j = i
    while j > 0 and (text[j - 1].isalnum() or text[j - 1] == "_") and i - j < 4:
        j -= 1
    return _MONTH_RUN.fullmatch(text, j, i) is not None and not (
        j > 0 and (text[j - 1].isalnum() or text[j - 1] == "_"))


def _window(text: str, i: int) -> tuple[int, int]:
    a, b = max(0, i - SCAN_BEFORE), min(len(text), i + SCAN_AFTER)
    while a > 0 and not text[a - 1].isspace():
        a -= 1
    while b < len(text) and not text[b].isspace():
        b += 1
    return a, b


class DateTagger:
    name = "dates.v1"
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ("dates",)

    def __call__(self, article: Article) -> Article:
        article.set_layer("dates", find_dates(article.text, article.meta.published))
        return article


def parse_published(published: str | None) -> dt.date | None:
    if not published:
        return None
    try:
        return dt.date.fromisoformat(str(published)[:10])
    except ValueError:
        return None


def find_dates(text: str, published: str | None = None) -> list[Span]:
    if not text:
        return []
    ref = parse_published(published)
    view = cached_view(text)
    found: list[tuple[int, int, dict]] = []
    for finder in (_hijri, _gregorian, _numeric, _year_only, _context_years, _rel_weekdays,
                   _hijri_month_alone, _weekdays, _relative_units, _relative_days):
        for a, b, attrs in finder(view.text, ref):
            if not any(a < e and s < b for s, e, _ in found):
                found.append((a, b, attrs))
    spans = []
    for n, (a, b, attrs) in enumerate(sorted(found, key=lambda x: x[0])):
        s, e = view.to_original_span(a, b)
        spans.append(Span(s, e, "DATE", id=f"d{n + 1}", attrs=attrs))
    return spans


def _attrs(value: str | None, kind: str, gran: str, calendar: str = "gregorian",
           **extra: Any) -> dict[str, Any]:
    return {"value": value, "kind": kind, "calendar": calendar, "granularity": gran, **extra}


def _key(s: str) -> str:
    return re.sub(r"\s+", " ", s)


def _gregorian(text: str, ref: dt.date | None):
    for m in _scan(GREG, text, GREG_KEYS, _month_spot):
        month_word = _key(m.group("month"))
        month, day, year = GREG_MONTHS[month_word], m.group("day"), m.group("year")
        if month_word in AMBIGUOUS_MONTHS and not (day or year or m.group("twin")):
            continue
        if m.group("mdir") and ref is not None:
            year = _directed_year(month, DIRECTIONS[m.group("mdir")], ref)
        if m.group("rel"):
            year = _relative_year(m.group("rel"), ref)
            if year is None:
                yield m.start("x"), m.end(), _attrs(None, "relative", "month", relative=m.group("rel"))
                continue
        yield m.start("x"), m.end(), _date_attrs(year, month, day, ref,
                                                 bool(m.group("rel") or m.group("mdir")))


def _directed_year(month: int, step: int, ref: dt.date) -> str:
    """سبتمبر المقبل: the next September; يونيو الماضي: the last June."""
    if step > 0:
        return str(ref.year if month > ref.month else ref.year + 1)
    if step < 0:
        return str(ref.year if month < ref.month else ref.year - 1)
    return str(ref.year)


def _relative_year(rel: str, ref: dt.date | None) -> str | None:
    if ref is None:
        return None
    words = rel.split()
    step = DIRECTIONS.get(words[-1], 0)
    return str(ref.year + step)


def _date_attrs(year, month: int, day, ref: dt.date | None, relative: bool) -> dict[str, Any]:
    kind = "relative" if relative else "absolute"
    if year is None:
        if ref is None:
            return _attrs(f"XXXX-{month:02d}" + (f"-{int(day):02d}" if day else ""), "absolute",
                          "day" if day else "month")
        year = _nearest_year(month, ref)   # 30 نوفمبر in a July article: this November
        kind = "relative"
    if day:
        try:
            return _attrs(dt.date(int(year), month, int(day)).isoformat(), kind, "day")
        except ValueError:
            pass
    return _attrs(f"{int(year):04d}-{month:02d}", kind, "month")


def _nearest_year(month: int, ref: dt.date) -> int:
    return min((ref.year - 1, ref.year, ref.year + 1),
               key=lambda y: abs((y * 12 + month) - (ref.year * 12 + ref.month)))


def _hijri(text: str, ref: dt.date | None):
    from hijridate import Hijri
    for m in _scan(HIJRI, text, HIJRI_KEYS):
        year, day = m.group("year"), m.group("day")
        if not year:
            continue                       # "رمضان" alone is a month name or a person
        month = HIJRI_MONTHS[_key(m.group("month"))]
        try:
            greg = Hijri(int(year), month, int(day or 1)).to_gregorian()
        except (ValueError, OverflowError):
            continue
        gran = "day" if day else "month"
        value = greg.isoformat() if day else f"{greg.year:04d}-{greg.month:02d}"
        hijri = f"{int(year)}-{month:02d}" + (f"-{int(day):02d}" if day else "")
        yield m.start("x"), m.end(), _attrs(value, "absolute", gran, "hijri", hijri=hijri)


def _numeric(text: str, ref: dt.date | None):
    for m in _scan(NUMERIC, text, _NUMERIC_SPOT):
        a, b, c = (int(m.group(x)) for x in "abc")
        y, mo, d = (a, b, c) if a > 31 else (c, b, a)
        if y < 100:
            continue
        try:
            value = dt.date(y, mo, d).isoformat()
        except ValueError:
            continue
        yield m.start("x"), m.end(), _attrs(value, "absolute", "day")


def _year_only(text: str, ref: dt.date | None):
    for m in _scan(YEAR_ONLY, text, ("عام", "سنه")):
        year = int(m.group("year"))
        if year >= 1300 and year < 1500 and (ref is None or ref.year > 1600):
            from hijridate import Hijri
            try:
                g = Hijri(year, 1, 1).to_gregorian()
            except (ValueError, OverflowError):
                continue
            yield m.start("x"), m.end(), _attrs(str(g.year), "absolute", "year", "hijri", hijri=str(year))
            continue
        yield m.start("x"), m.end(), _attrs(str(year), "absolute", "year")


def _weekdays(text: str, ref: dt.date | None):
    """A bare weekday is the latest one on or before publication, unless the text already named
    it with a direction (الأحد المقبل ... مباراة الأحد: the same next Sunday)."""
    said: dict[int, int] = {}
    for m in _scan(WEEKDAY, text, WEEKDAY_KEYS):
        wd = WEEKDAYS[m.group("wd")]
        direction = DIRECTIONS.get(m.group("dir") or "", said.get(wd, -1))
        if m.group("dir"):
            said[wd] = direction
        if ref is None:
            yield m.start("x"), m.end(), _attrs(None, "relative", "day", relative=f"weekday:{wd}")
            continue
        if direction > 0:
            delta = (wd - ref.weekday()) % 7 or 7
        else:
            delta = -((ref.weekday() - wd) % 7)
        yield m.start("x"), m.end(), _attrs((ref + dt.timedelta(days=delta)).isoformat(),
                                         "relative", "day")


def _rel_weekdays(text: str, ref: dt.date | None):
    """أمس الأحد: one day; the weekday is the firmer anchor (papers date the day after)."""
    for m in _scan(REL_WEEKDAY, text, WEEKDAY_KEYS):
        wd = WEEKDAYS[m.group("wd")]
        step = {"امس": -1, "اليوم": 0, "غدا": 1}[m.group("rel")]
        if ref is None:
            yield m.start("x"), m.end(), _attrs(None, "relative", "day", relative=f"weekday:{wd}")
            continue
        near = ref + dt.timedelta(days=step)
        delta = min(range(-3, 4), key=lambda d: (((near + dt.timedelta(days=d)).weekday() != wd), abs(d)))
        yield m.start("x"), m.end(), _attrs((near + dt.timedelta(days=delta)).isoformat(),
                                             "relative", "day")


def _context_years(text: str, ref: dt.date | None):
    for m in _scan(YEAR_CONTEXT, text, _YEAR_SPOT):
        yield m.start("x"), m.end("x"), _attrs(m.group("year"), "absolute", "year")


def _hijri_month_alone(text: str, ref: dt.date | None):
    """في رمضان: the latest such Hijri month on or before publication."""
    from hijridate import Gregorian, Hijri
    if ref is None:
        return
    for m in _scan(HIJRI_MONTH_ALONE, text, ("رمضان", "شوال", "محرم", "الحجه")):
        month = HIJRI_MONTHS[_key(m.group("month"))]
        h = Gregorian(ref.year, ref.month, ref.day).to_hijri()
        year = h.year if h.month >= month else h.year - 1
        g = Hijri(year, month, 1).to_gregorian()
        yield m.start("x"), m.end(), _attrs(f"{g.year:04d}-{g.month:02d}", "relative", "month",
                                            "hijri", hijri=f"{year}-{month:02d}")


def _relative_days(text: str, ref: dt.date | None):
    for m in _scan(REL_DAY, text, ("امس", "البارحه", "اليوم", "غد")):
        days = RELATIVE_DAYS[_key(m.group("rel"))]
        value = (ref + dt.timedelta(days=days)).isoformat() if ref else None
        yield m.start("x"), m.end(), _attrs(value, "relative", "day", relative=f"{days:+d}d")


def _relative_units(text: str, ref: dt.date | None):
    for m in _scan(REL_UNIT, text, tuple(UNITS)):
        if not (m.group("this") or m.group("dir")):
            continue
        unit = UNITS[m.group("unit")]
        step = DIRECTIONS.get(m.group("dir") or "", 0)
        rel = f"{step:+d}{unit[0]}"
        anchor = _previous_year(text, m.start()) if m.group("dir") in ("السابق", "السابقه") else None
        if unit == "year" and anchor:      # عام 2014 ... العام السابق: 2013, not last year
            yield m.start("x"), m.end(), _attrs(str(anchor - 1), "relative", "year", relative=rel)
            continue
        if ref is None:
            yield m.start("x"), m.end(), _attrs(None, "relative", unit, relative=rel)
            continue
        yield m.start("x"), m.end(), _attrs(_shift(ref, unit, step), "relative", unit, relative=rel)


_A_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def _previous_year(text: str, at: int) -> int | None:
    years = _A_YEAR.findall(text, max(0, at - 250), at)
    return int(years[-1]) if years else None


def _shift(ref: dt.date, unit: str, step: int) -> str:
    if unit == "year":
        return str(ref.year + step)
    if unit == "month":
        y, mo = divmod(ref.year * 12 + ref.month - 1 + step, 12)
        return f"{y:04d}-{mo + 1:02d}"
    iso = (ref + dt.timedelta(weeks=step)).isocalendar()
    return f"{iso[0]:04d}-W{iso[1]:02d}"
