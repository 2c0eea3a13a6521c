"""Library entry points behind the CLI: inputs in, articles (or per-source errors) out."""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Iterable, Iterator

from .document import Article
from .errors import InputError, MarsadError
from .ingest import RawPage, iter_pages, page_to_articles
from .pipeline import Pipeline, load_pipeline

log = logging.getLogger(__name__)


@dataclass
class RunSummary:
    """Every input is accounted for: processed, skipped (nothing to extract) or failed."""

    inputs: int = 0
    processed: int = 0
    skipped: int = 0
    failed: int = 0
    articles: int = 0
    errors: list[MarsadError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.failed == 0

    def to_dict(self) -> dict:
        return {"inputs": self.inputs, "processed": self.processed, "skipped": self.skipped,
                "failed": self.failed, "articles": self.articles,
                "errors": [e.to_dict() for e in self.errors], "warnings": list(self.warnings)}


def articles_from_page(page: RawPage, pipeline: Pipeline | None) -> list[Article]:
    articles = page_to_articles(page)
    if pipeline is not None:
        articles = [pipeline(a) for a in articles]
    return articles


def process(inputs: Iterable[str], pipeline: Pipeline | None = None,
            summary: RunSummary | None = None) -> Iterator[Article]:
    """Read every input, segment it into articles and run the pipeline over them.

    Bad sources are recorded in ``summary.errors`` (with source and reason) and skipped; the
    rest goes on.
    """
    summary = summary if summary is not None else RunSummary()
    pipeline = pipeline if pipeline is not None else load_pipeline()
    for item in iter_pages(inputs):
        yield from _process_item(item, pipeline, summary)


def process_pages(pages: Iterable[RawPage | InputError], pipeline: Pipeline | None,
                  summary: RunSummary) -> Iterator[Article]:
    for item in pages:
        yield from _process_item(item, pipeline, summary)


def _process_item(item: RawPage | InputError, pipeline: Pipeline | None,
                  summary: RunSummary) -> Iterator[Article]:
    summary.inputs += 1
    if isinstance(item, MarsadError):
        summary.failed += 1
        summary.errors.append(item)
        log.warning("%s", item)
        return
    summary.warnings.extend(item.warnings)
    try:
        articles = articles_from_page(item, pipeline)
    except MarsadError as err:
        err.source = err.source or item.source
        summary.failed += 1
        summary.errors.append(err)
        log.warning("%s", err)
        return
    if not articles:
        summary.skipped += 1
        summary.warnings.append(f"{item.source}: no article found")
        return
    summary.processed += 1
    summary.articles += len(articles)
    yield from articles


def process_text(text: str, source: str = "<text>", pipeline: Pipeline | None = None) -> list[Article]:
    """Segment one raw text page and run the pipeline (default pipeline if none is given)."""
    page = RawPage(source=source, kind="text", data=text)
    return articles_from_page(page, pipeline if pipeline is not None else load_pipeline())


def process_record(record: dict, pipeline: Pipeline | None = None) -> list[Article]:
    """One JSON article record (``id``, ``title``, ``content``/``text``) -> articles."""
    page = RawPage(source=str(record.get("id", "<record>")), kind="record", data="", record=record)
    return articles_from_page(page, pipeline if pipeline is not None else load_pipeline())
