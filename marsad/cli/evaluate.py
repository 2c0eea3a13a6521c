"""``marsad eval``: gold scores (a directory) or a named benchmark target (ner, html, ...)."""
from __future__ import annotations

import importlib
import json
from pathlib import Path
from typing import Optional

import typer
from rich.table import Table

from ..errors import MarsadError
from ..eval import EVAL_TARGETS
from .app import app, err_console, out_console


@app.command("eval")
def eval_cmd(
    target: str = typer.Argument(..., help="A gold directory (../shared/gold) or a target: "
                                           "ner, linking, events, dates, html ..."),
    as_json: bool = typer.Option(False, "--json", help="Print the scores as JSON."),
    pred: Optional[Path] = typer.Option(None, "--pred", help="Score this JSONL of `marsad process` "
                                        "output instead of running the pipeline (gold dirs)."),
    conll: Optional[Path] = typer.Option(None, "--conll", help="CoNLL file (ner target)."),
    model: Optional[str] = typer.Option(None, "--model", help="Model tier: fast | accurate."),
    data: Optional[Path] = typer.Option(None, "--data", help="Data directory for the target."),
    limit: Optional[int] = typer.Option(None, "--limit", help="Score at most N items."),
    misses: bool = typer.Option(False, "--misses", help="Also list the gold items missed."),
) -> None:
    """Score marsad against gold files (FORMAT.md rules) or run a named evaluation."""
    try:
        if Path(target).is_dir():
            _gold(Path(target), pred, as_json, misses)
        else:
            _target(target, as_json, conll=conll, model=model, data=data, limit=limit)
    except MarsadError as err:
        err_console.print(f"[red]error[/red] {err}", highlight=False)
        raise typer.Exit(1) from None


def _gold(gold_dir: Path, pred: Optional[Path], as_json: bool, show_misses: bool) -> None:
    from ..eval.gold import evaluate, table_rows

    result = evaluate(gold_dir, pred)
    if as_json:
        out_console.print_json(json.dumps(result, ensure_ascii=False))
        return
    table = Table(title=f"marsad eval {gold_dir}")
    for col in ("section", "metric", "value"):
        table.add_column(col)
    for row in table_rows(result):
        table.add_row(*row)
    _wide().print(table)
    if show_misses:
        for key, val in result.items():
            for miss in val.get("misses", []) if isinstance(val, dict) else []:
                out_console.print(f"{key}: {miss}", highlight=False)


def _target(name: str, as_json: bool, **options) -> None:
    if name not in EVAL_TARGETS:
        known = ", ".join(sorted(EVAL_TARGETS)) or "none yet"
        raise MarsadError("E043", f"{name!r} is neither a directory nor an evaluation target",
                          f"targets: {known}; or pass the gold directory")
    module, func = EVAL_TARGETS[name].split(":")
    result = getattr(importlib.import_module(module), func)(
        **{k: v for k, v in options.items() if v is not None})
    if as_json:
        out_console.print_json(json.dumps(result, ensure_ascii=False, default=str))
        return
    rows = result.get("rows", [])
    table = Table(title=result.get("title", name))
    cols = list(dict.fromkeys(k for r in rows for k in r))
    for col in cols:
        table.add_column(col)
    for r in rows:
        table.add_row(*(_fmt(r.get(c)) for c in cols))
    _wide().print(table)
    for k, v in (result.get("summary") or {}).items():
        out_console.print(f"{k}: {_fmt(v)}", highlight=False)


def _wide():
    """Tables keep their rows on one line in logs and pipes (a terminal keeps its own width)."""
    from rich.console import Console

    return out_console if out_console.is_terminal else Console(width=140)


def _fmt(v) -> str:
    if isinstance(v, float):
        return f"{v:.3f}"
    return "" if v is None else str(v)
