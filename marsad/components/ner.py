"""``entities.v1``: Arabic named-entity mentions (``ents``) and a first entities table.

Tags each sentence's tokens with a shipped tier (``model="fast"`` default: the CRF, or
``"accurate"``: neural + CRF ensemble), then turns BIO tags into character spans; currency
names (الدولار، ريال) and bare head nouns (جامعة alone) are not entities here (see
:mod:`marsad.ner.filters`). Proclitics are left out of a
mention (``وبوتين`` -> ``بوتين``, ``والروسي`` -> ``الروسي``; the article ال stays). Each
distinct folded surface of a type becomes one :class:`Entity` (name = name_ar = surface); the
linking component later replaces that table with real clusters.
"""
from __future__ import annotations

import bisect

from ..document import Article, Entity, Span
from ..ner.filters import not_an_entity
from ..ner.model import load_model
from ..ner.tags import spans_from_bio
from ..ner.text import fold, mention_start


class EntityRecognizer:
    name = "entities.v1"
    requires = ("sents", "tokens")
    assigns = ("ents",)

    def __init__(self, model: str = "fast", model_dir: str | None = None) -> None:
        self.model_name = model
        self.model = load_model(model, model_dir)

    def __call__(self, article: Article) -> Article:
        text = article.text
        sentences = _sentence_tokens(article)
        words = [[text[t.start:t.end] for t in sent] for sent in sentences]
        tags = self.model.tag_document(words) if words else []
        found: list[tuple[int, int, str]] = []
        for toks, tg in zip(sentences, tags):
            for s, e, typ in spans_from_bio(tg):
                if not_an_entity([text[t.start:t.end] for t in toks[s:e]]):
                    continue                  # money unit or bare head noun (ner/filters.py)
                start = self._start(text, toks[s].start, toks[s].end)
                if start < toks[e - 1].end:
                    found.append((start, toks[e - 1].end, typ))
        spans, entities = _build(text, found)
        article.set_layer("ents", spans)
        article.entities = entities
        return article

    def _start(self, text: str, start: int, end: int) -> int:
        """First token's start moved past its proclitics (و ب ل ف ك), if any."""
        return start + mention_start(text[start:end], self.model.mention_words)


def _sentence_tokens(article: Article) -> list[list[Span]]:
    tokens = article.layer("tokens")
    sents = article.layer("sents")
    if not tokens:
        return []
    if not sents:
        return [tokens]
    starts = [t.start for t in tokens]
    out = []
    for s in sents:
        lo = bisect.bisect_left(starts, s.start)
        hi = bisect.bisect_left(starts, s.end)
        if hi > lo:
            out.append(tokens[lo:hi])
    return out


def _build(text: str, found: list[tuple[int, int, str]]) -> tuple[list[Span], list[Entity]]:
    """Mention spans ``m1..`` and one entity per (type, folded surface) they point to."""
    by_key: dict[tuple[str, str], Entity] = {}
    spans: list[Span] = []
    for n, (start, end, typ) in enumerate(sorted(found), 1):
        surface = text[start:end]
        key = (typ, fold(surface))
        ent = by_key.get(key)
        if ent is None:
            ent = by_key[key] = Entity(f"e{len(by_key) + 1}", typ, surface, surface)
        ent.mention_ids.append(f"m{n}")
        spans.append(Span(start, end, typ, f"m{n}", {"entity_id": ent.id}))
    return spans, list(by_key.values())
