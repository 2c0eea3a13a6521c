"""marsad (مرصد): open, local, Arabic-first news intelligence.

>>> import marsad
>>> arts = marsad.process_text("عنوان الخبر\n\nقال الوزير إن الوضع مستقر.")
>>> arts[0].title
'عنوان الخبر'
"""
from .api import RunSummary, process, process_record, process_text  # noqa: F401
from .document import Article, ArticleMeta, Entity, Span  # noqa: F401
from .errors import MarsadError  # noqa: F401
from .pipeline import Pipeline, load_pipeline  # noqa: F401

__version__ = "0.1.0"
