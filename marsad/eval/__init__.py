"""Scorers. ``marsad eval GOLD_DIR`` scores against ``shared/gold`` (see gold.py);
``marsad eval TARGET`` runs a named benchmark from :data:`EVAL_TARGETS`.

Each target is ``"module:function"``; the function takes keyword options (``data``, ``conll``,
``model``, ``limit``) and returns a dict: ``{"title": str, "rows": [{"metric": ..., ...}],
"summary": {...}}`` that the CLI prints as a table (or as JSON with ``--json``).
"""
EVAL_TARGETS: dict[str, str] = {
    "ner": "marsad.eval.ner:run",          # ANERcorp test P/R/F1 + tokens/s (entities issue)
    "html": "marsad.eval.html:run",      # ingest issue
    "linking": "marsad.eval.linking:run",  # KB ids of gold entities (linking issue)
    "events": "marsad.eval.events_gsr:run",  # PETRARCH Arabic GSR (events issue)
    "dates": "marsad.eval.dates:run",        # hand-checked date gold (events issue)
}
