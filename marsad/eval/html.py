"""HTML ingest quality and speed, marsad vs the plain libraries, measured side by side in one run.

``marsad eval html`` (or ``python bench/html_extraction.py``) prints:

* main text on ``data/scrapinghub_aeb``: the benchmark's token 4-gram ("shingle") precision /
  recall / F1 against ``articleBody`` for marsad and for ``trafilatura.extract`` with defaults;
* publication day on ``data/htmldate_mediacloud`` (``NaN`` gold = no date must be returned),
  marsad vs ``htmldate.find_date`` alone, Arabic-script pages also listed separately;
* title / author / date and boilerplate-free body on the Arabic newspaper4k page and the
  readability test pages;
* speed: marsad HTML path time / trafilatura-only time on the same pages in the same run.

Shingle metric (re-implemented from the benchmark's description): text -> ``\\w+`` tokens
(lower-cased) -> multiset of 4-grams (one shingle of all tokens if fewer than 4). Per page,
precision = |pred ∩ gold| / |pred|, recall = |pred ∩ gold| / |gold| (both 1 when both are empty,
0 when only one is). Reported P and R are means over pages; F1 = 2PR / (P + R) of those means.
"""
from __future__ import annotations

import gzip
import json
import math
import re
import time
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from ..ingest.base import RawPage

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "data"
_TOKEN = re.compile(r"\w+")
_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06ff]")


# -- metric -------------------------------------------------------------------------------------
def shingles(text: str, n: int = 4) -> Counter:
    tokens = _TOKEN.findall(text.lower())
    if len(tokens) < n:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1))


def shingle_pr(predicted: str, gold: str) -> tuple[float, float]:
    pred, ref = shingles(predicted), shingles(gold)
    if not pred and not ref:
        return 1.0, 1.0
    if not pred or not ref:
        return 0.0, 0.0
    tp = sum((pred & ref).values())
    return tp / sum(pred.values()), tp / sum(ref.values())


def prf(pairs: list[tuple[float, float]]) -> tuple[float, float, float]:
    if not pairs:
        return 0.0, 0.0, 0.0
    p = sum(x for x, _ in pairs) / len(pairs)
    r = sum(y for _, y in pairs) / len(pairs)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


# -- marsad side --------------------------------------------------------------------------------
def marsad_articles(data: bytes, source: str, url: str | None = None):
    from ..ingest.html import read_html_page

    return read_html_page(RawPage(source=source, kind="html", data=data, url=url))


def body_text(articles) -> str:
    """What the benchmark calls the article body: paragraphs and subheads of the main story."""
    if not articles:
        return ""
    art = articles[0]
    return "\n".join(art.span_text(b) for b in art.blocks("paragraph", "subhead"))


# -- 1. extraction + speed ----------------------------------------------------------------------
def eval_extraction(data_dir: Path, limit: int | None) -> dict[str, Any]:
    import trafilatura

    gold = json.loads((data_dir / "ground-truth.json").read_text(encoding="utf-8"))
    ids = sorted(gold)[:limit] if limit else sorted(gold)
    ours, base, t_ours, t_base = [], [], 0.0, 0.0
    for pid in ids:
        raw = gzip.decompress((data_dir / "html" / f"{pid}.html.gz").read_bytes())
        ref = gold[pid]["articleBody"]
        t0 = time.perf_counter()
        baseline = trafilatura.extract(raw) or ""
        t1 = time.perf_counter()
        arts = marsad_articles(raw, pid)
        t2 = time.perf_counter()
        t_base += t1 - t0
        t_ours += t2 - t1
        base.append(shingle_pr(baseline, ref))
        ours.append(shingle_pr(body_text(arts), ref))
    return {"pages": len(ids), "marsad": prf(ours), "trafilatura": prf(base),
            "t_marsad": t_ours, "t_trafilatura": t_base}


# -- 2. dates -------------------------------------------------------------------------------------
def eval_dates(data_dir: Path, limit: int | None) -> dict[str, Any]:
    from htmldate import find_date

    gold = json.loads((data_dir / "eval_mediacloud_2020.json").read_text(encoding="utf-8"))
    items = sorted(gold.items())[:limit] if limit else sorted(gold.items())
    rows = {"all": [0, 0, 0], "arabic": [0, 0, 0]}         # n, marsad right, htmldate right
    arabic_pages = []
    for url, rec in items:
        raw = gzip.decompress((data_dir / "html" / f"{rec['file']}.gz").read_bytes())
        want = None if _is_nan(rec.get("date")) else rec["date"]
        arts = marsad_articles(raw, rec["file"], url)
        ours = arts[0].meta.published[:10] if arts and arts[0].meta.published else None
        theirs = find_date(raw, url=url)
        hits = (ours == want, theirs == want)
        groups = ["all"]
        if _ARABIC_SCRIPT.search(unquote(url)) or _arabic_page(raw):
            groups.append("arabic")
            arabic_pages.append({"url": url, "gold": want, "marsad": ours, "htmldate": theirs})
        for g in groups:
            rows[g][0] += 1
            rows[g][1] += hits[0]
            rows[g][2] += hits[1]
    return {"rows": rows, "arabic_pages": arabic_pages}


def _is_nan(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value == "NaN"


def _arabic_page(raw: bytes) -> bool:
    text = raw[:200_000].decode("utf-8", "ignore")
    body = text[text.find("<body"):] if "<body" in text else text
    letters = re.findall(r"[^\W\d_]", body[:100_000])
    return bool(letters) and sum(1 for c in letters if "\u0600" <= c <= "\u06ff") / len(letters) > 0.3


# -- 3. metadata + boilerplate -------------------------------------------------------------------
def _norm(text: str | None) -> str:
    return re.sub(r"\s+", " ", text or "").strip().casefold()


def eval_arabic_fixture(data_dir: Path) -> dict[str, Any]:
    page = data_dir / "arabic_article"
    meta = json.loads((page / "metadata.json").read_text(encoding="utf-8"))
    expected = (page / "expected.txt").read_text(encoding="utf-8")
    arts = marsad_articles((page / "source.html").read_bytes(), str(page))
    art = arts[0] if arts else None
    body = body_text(arts)
    authors = meta.get("authors") or []
    want_date = (meta.get("publish_date") or None)
    p, r = shingle_pr(body, expected)
    return {"title": bool(art) and _norm(art.title) == _norm(meta.get("title")),
            "author": bool(art) and _norm(art.meta.author) == _norm(", ".join(authors)),
            "date": bool(art) and (art.meta.published or None) == (want_date and want_date[:10]),
            "body_precision": p, "body_recall": r,
            "got": {"title": art.title if art else None, "author": art.meta.author if art else None,
                    "date": art.meta.published if art else None}}


def eval_readability(data_dir: Path, limit: int | None) -> dict[str, Any]:
    import lxml.html

    dirs = sorted(d for d in data_dir.iterdir() if (d / "source.html.gz").exists())
    dirs = dirs[:limit] if limit else dirs
    n = {"title": [0, 0], "author": [0, 0], "date": [0, 0]}
    pr = []
    for d in dirs:
        meta = json.loads((d / "expected-metadata.json").read_text(encoding="utf-8"))
        arts = marsad_articles(gzip.decompress((d / "source.html.gz").read_bytes()), d.name)
        art = arts[0] if arts else None
        if meta.get("title"):
            n["title"][0] += 1
            n["title"][1] += bool(art) and _same_title(art.title, meta["title"])
        if meta.get("byline"):
            n["author"][0] += 1
            n["author"][1] += bool(art) and _same_person(art.meta.author, meta["byline"])
        if meta.get("publishedTime"):
            n["date"][0] += 1
            n["date"][1] += bool(art) and (art.meta.published or "")[:10] == meta["publishedTime"][:10]
        expected = lxml.html.fromstring((d / "expected.html").read_text(encoding="utf-8"))
        pr.append(shingle_pr(body_text(arts), expected.text_content()))
    return {"pages": len(dirs), "counts": n, "body": prf(pr)}


def _same_title(got: str, want: str) -> bool:
    g, w = _norm(got), _norm(want)
    return bool(g) and (g == w or g in w or w in g)


def _same_person(got: str | None, want: str) -> bool:
    """Letters and digits only (trafilatura writes 'Nelson D Schwartz', 'A; B' for 'A, B'),
    a leading 'By'/'Par' dropped; equal or one containing the other."""
    def key(text: str | None) -> str:
        text = re.sub(r"^\s*(?:by|par|von|por)\s+", "", text or "", flags=re.I)
        return "".join(re.findall(r"[^\W_]+", text.casefold()))
    g, w = key(got), key(want)
    return bool(g) and (g == w or g in w or w in g)


# -- the target -----------------------------------------------------------------------------------
def run(data: str | None = None, limit: int | None = None, **_: Any) -> dict[str, Any]:
    root = Path(data) if data else SHARED
    ext = eval_extraction(root / "scrapinghub_aeb", limit)
    dates = eval_dates(root / "htmldate_mediacloud", limit)
    arabic = eval_arabic_fixture(root / "newspaper4k_fixtures")
    read = eval_readability(root / "readability_testpages", limit)
    return _report(ext, dates, arabic, read)


def _report(ext, dates, arabic, read) -> dict[str, Any]:
    rows = []
    for who in ("marsad", "trafilatura"):
        p, r, f = ext[who]
        rows.append({"metric": f"main text F1 ({who})", "value": round(f, 4),
                     "detail": f"P={p:.4f} R={r:.4f} on {ext['pages']} scrapinghub_aeb pages"})
    for group, (n, ours, theirs) in dates["rows"].items():
        if n:
            rows.append({"metric": f"date exact-day, {group} (marsad)", "value": round(ours / n, 4),
                         "detail": f"{ours}/{n}"})
            rows.append({"metric": f"date exact-day, {group} (htmldate)",
                         "value": round(theirs / n, 4), "detail": f"{theirs}/{n}"})
    for page in dates["arabic_pages"]:
        rows.append({"metric": "  arabic-script page", "value": page["marsad"] == page["gold"],
                     "detail": f"{page['url'][:60]} gold={page['gold']} marsad={page['marsad']} "
                               f"htmldate={page['htmldate']}"})
    rows.append({"metric": "arabic newspaper4k page: title/author/date right",
                 "value": f"{arabic['title']}/{arabic['author']}/{arabic['date']}",
                 "detail": f"body P={arabic['body_precision']:.3f} R={arabic['body_recall']:.3f}; "
                           f"got {arabic['got']}"})
    for key, (n, ok) in read["counts"].items():
        rows.append({"metric": f"readability pages: {key} right", "value": round(ok / n, 4) if n else None,
                     "detail": f"{ok}/{n}"})
    p, r, f = read["body"]
    rows.append({"metric": "readability pages: body shingle F1", "value": round(f, 4),
                 "detail": f"P={p:.4f} (boilerplate-free = high P) R={r:.4f}"})
    ratio = ext["t_marsad"] / ext["t_trafilatura"] if ext["t_trafilatura"] else None
    rows.append({"metric": "speed: marsad HTML path / trafilatura.extract",
                 "value": round(ratio, 3) if ratio else None,
                 "detail": f"{ext['t_marsad']:.2f}s vs {ext['t_trafilatura']:.2f}s, same pages, same run"})
    n, ours, theirs = dates["rows"]["all"]
    summary = {"main_text_f1": round(ext["marsad"][2], 4),
               "main_text_f1_trafilatura": round(ext["trafilatura"][2], 4),
               "date_accuracy": round(ours / n, 4) if n else None,
               "date_accuracy_htmldate": round(theirs / n, 4) if n else None,
               "arabic_page_ok": arabic["title"] and arabic["author"] and arabic["date"],
               "speed_ratio": round(ratio, 3) if ratio else None}
    return {"title": "HTML ingest: marsad vs trafilatura / htmldate (same run)", "rows": rows,
            "summary": summary}
