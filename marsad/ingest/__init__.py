"""Readers: every input becomes :class:`RawPage` objects, then articles.

``iter_pages(paths)`` expands files, directories, globs and ``-`` (stdin) and yields a
:class:`RawPage` or an :class:`~marsad.errors.InputError` per input (a batch never stops on one
bad source). ``page_to_articles(page)`` turns one page into articles by its ``kind``; readers for
more kinds register themselves in :data:`READERS`.
"""
from .base import RawPage, READERS, page_to_articles, register_reader  # noqa: F401
from .sources import iter_pages  # noqa: F401
