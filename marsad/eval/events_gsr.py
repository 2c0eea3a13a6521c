"""Score ``events.v1`` on the PETRARCH Arabic GSR (../shared/data/petrarch_arabic_gsr).

645 sentences, each with one gold PROTEST or ASSAULT event: trigger, actor (source) and target
spans, and CAMEO-style codes ("USA MIL", "None CVL"). Only positives, so this measures recall:

* recall: sentences where a predicted event has the gold type (FORMAT.md: a predicted event of
  the same type whose sentence overlaps the anchor; here the anchor is the whole sentence);
* any-event recall, and type accuracy = right type / sentences with any event;
* actor / target accuracy over found events whose gold actor (target) is given: right when the
  predicted country code equals the gold country code, or the predicted surface text and the gold
  span name the same words (one set of lightly stemmed words contains the other: the GSR spans are
  often in parse order, "الأميركية القوات", and mix المتظاهرين/متظاهرون). "strict" variants
  require equal word sets. When several predicted events have the gold type, the one whose
  trigger shares a word with the gold trigger is scored.

    marsad eval events [--data ../shared/data/petrarch_arabic_gsr] [--limit N]

Rows: PROTEST, ASSAULT, the "dev" half (every other sentence from the first, which rules were
written against) and the "check" half (the others, only scored), and ALL.
"""
from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any, Iterator

from ..document import Article, ArticleMeta
from ..textmap import gold_normalize

DEFAULT_DATA = Path(__file__).resolve().parents[3] / "shared" / "data" / "petrarch_arabic_gsr"
FILES = ("arabic_protest_gsr_validation.xml", "arabic_assault_gsr_validation.xml")
_SENT = re.compile(r"<Sentence ([^>]*)>(.*?)</Sentence>", re.S)
_ATTR = re.compile(r'(\w+)="([^"]*)"')


def read_gsr(path: Path) -> Iterator[dict[str, Any]]:
    """Records of one GSR file (parsed with regexes: the files are not well-formed XML)."""
    raw = path.read_text(encoding="utf-8")
    for m in _SENT.finditer(raw):
        head, body = dict(_ATTR.findall(m.group(1))), m.group(2)
        ev = _tag(body, "EventText")
        code = _tag(body, "EventCoding")
        text = re.search(r"<Text>(.*?)</Text>", body, re.S)
        yield {"id": head.get("id"), "date": head.get("date"), "type": code.get("plover"),
               "text": html.unescape(text.group(1).strip()) if text else "",
               "trigger": ev.get("eventtext", ""), "actor": ev.get("sourcetext", ""),
               "target": ev.get("targettext", ""), "actor_code": code.get("sourcecode", ""),
               "target_code": code.get("targetcode", "")}


def _tag(body: str, name: str) -> dict[str, str]:
    m = re.search(rf"<{name} ([^>]*)/>", body)
    return {k: html.unescape(v) for k, v in _ATTR.findall(m.group(1))} if m else {}


_ENDINGS = ("يون", "يين", "ون", "ين", "ان", "ات", "ه", "ا", "ي")


def _stem(word: str) -> str:
    """A light stem so that case and number endings do not count as a different actor:
    المتظاهرين = متظاهرون = متظاهر; the GSR spans mix them freely."""
    w = gold_normalize(word)
    for pre in ("وال", "بال", "لل", "ال", "و", "ل", "ب"):
        if w.startswith(pre) and len(w) - len(pre) >= 3:
            w = w[len(pre):]
            break
    for _ in range(2):              # انتحارية -> انتحاري -> انتحار, as انتحاري -> انتحار
        end = next((e for e in _ENDINGS if w.endswith(e) and len(w) - len(e) >= 3), None)
        if end is None:
            break
        w = w[:-len(end)]
    return w


def _words(text: str | None) -> set[str]:
    return {_stem(w) for w in re.findall(r"\w+", text or "") if len(w) > 1}


def _trigger_match(events: list[dict], art: Article, rec: dict) -> dict | None:
    """The predicted event of the gold type, preferring the one on the gold trigger word."""
    same = [(e, s) for e, s in events if e["type"] == rec["type"]]
    if not same:
        return None
    gold = _words(rec["trigger"])
    for e, s in same:
        if gold & _words(art.span_text(s)):
            return e
    return same[0][0]


def role_right(pred: dict | None, gold_text: str, gold_code: str, strict: bool = False) -> bool:
    if not pred:
        return False
    country = (gold_code.split() or ["None"])[0]
    if country not in ("None", "") and pred.get("code") == country:
        return True
    g = _words(gold_text)
    for name in (pred.get("text"), pred.get("name")):
        p = _words(name)
        if g and p and (p == g if strict else (p <= g or g <= p)):
            return True
    return False


def _iso(date: str | None) -> str | None:
    return f"{date[:4]}-{date[4:6]}-{date[6:8]}" if date and len(date) == 8 else None


def has_gold(text: str, code: str) -> bool:
    return bool(text.strip()) or (code.split() or ["None"])[0] not in ("None", "")


def score(records: list[dict], pipeline) -> dict[str, Any]:
    c = dict.fromkeys(("n", "any", "found", "actor_n", "actor", "actor_strict", "target_n",
                       "target", "target_strict"), 0)
    misses: list[dict] = []
    for rec in records:
        art = pipeline(Article(rec["text"], ArticleMeta(published=_iso(rec["date"]))))
        events = [(e.attrs, e) for e in art.layer("events")]
        c["n"] += 1
        c["any"] += bool(events)
        match = _trigger_match(events, art, rec)
        if match is None:
            misses.append({"id": rec["id"], "type": rec["type"], "trigger": rec["trigger"],
                           "predicted": [e["type"] for e, _ in events], "text": rec["text"][:160]})
            continue
        c["found"] += 1
        for role in ("actor", "target"):
            if has_gold(rec[role], rec[f"{role}_code"]):
                c[f"{role}_n"] += 1
                c[role] += role_right(match[role], rec[role], rec[f"{role}_code"])
                c[f"{role}_strict"] += role_right(match[role], rec[role], rec[f"{role}_code"], True)
    return {"counts": c, "misses": misses}


# Rules were written looking at the "dev" half (sentences 0, 2, 4 ... of each file) only; the
# "check" half (1, 3, 5 ...) is scored, not read, so its numbers are the honest ones.
HALVES = ("dev", "check")


def _ratio(a: int, b: int) -> float:
    return round(a / b, 3) if b else 0.0


def run(data: str | None = None, limit: int | None = None, **_: Any) -> dict[str, Any]:
    from ..pipeline import load_pipeline
    base = Path(data) if data else DEFAULT_DATA
    pipeline = load_pipeline()             # the default pipeline: what `marsad process` runs
    rows, total = [], dict.fromkeys(("n", "any", "found", "actor_n", "actor", "actor_strict",
                                     "target_n", "target", "target_strict"), 0)
    halves = {h: dict.fromkeys(total, 0) for h in HALVES}
    all_misses = []
    for name in FILES:
        recs = list(read_gsr(base / name))[:limit]
        res = score(recs, pipeline)
        rows.append(_row(name.split("_")[1].upper(), res["counts"]))
        for k, v in res["counts"].items():
            total[k] += v
        for h, part in halves.items():     # every other sentence of each file
            for k, v in score(recs[HALVES.index(h)::2], pipeline)["counts"].items():
                part[k] += v
        all_misses += res["misses"]
    rows += [_row(h, c) for h, c in halves.items()]
    rows.append(_row("ALL", total))
    return {"title": f"events.v1 on the PETRARCH Arabic GSR ({total['n']} sentences)",
            "rows": rows, "summary": {k: v for k, v in rows[-1].items() if k != "metric"},
            "misses": all_misses}


def _row(name: str, c: dict[str, int]) -> dict[str, Any]:
    return {"metric": name, "sentences": c["n"], "recall": _ratio(c["found"], c["n"]),
            "any_event_recall": _ratio(c["any"], c["n"]),
            "type_accuracy": _ratio(c["found"], c["any"]),
            "actor_accuracy": _ratio(c["actor"], c["actor_n"]), "actor_n": c["actor_n"],
            "actor_strict": _ratio(c["actor_strict"], c["actor_n"]),
            "target_accuracy": _ratio(c["target"], c["target_n"]), "target_n": c["target_n"],
            "target_strict": _ratio(c["target_strict"], c["target_n"])}
