"""``marsad train ner``: rebuild the shipped NER models from ../shared/data (a Typer sub-app)."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer

from ..errors import MarsadError
from .app import app, err_console, out_console

train_app = typer.Typer(help="Train the shipped models from the shared data (reproducible).",
                        no_args_is_help=True)
app.add_typer(train_app, name="train")

DEFAULT_DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"


@train_app.command("ner")
def ner_cmd(
    model: str = typer.Option("fast", "--model", help="Tier: fast | accurate."),
    data: Path = typer.Option(DEFAULT_DATA, "--data", help="shared/data (anercorp/, aqmar/, ...)."),
    out: Optional[Path] = typer.Option(None, "--out", help="Output folder (default: the shipped "
                                       "marsad/resources/ner/)."),
) -> None:
    """Train one NER tier; prints the dev scores (dev = a split of ANERcorp train)."""
    from ..ner.model import MODELS, RESOURCES
    from ..train.ner import build_all
    from ..train.ner_neural import train as train_neural   # accurate: neural (torch at build time)

    if model not in MODELS:
        err_console.print(f"[red]error[/red] [E401] unknown NER model {model!r} (use fast or accurate)")
        raise typer.Exit(1)
    try:
        report = (train_neural if model == "accurate" else build_all)(data, out or RESOURCES, model)
        if model == "accurate":          # the shipped accurate tier: neural + fast CRF ensemble
            from ..train.ner_ensemble import choose

            report["ensemble"] = choose(data, out or RESOURCES, model)["report"]["dev"]
    except MarsadError as err:
        err_console.print(f"[red]error[/red] {err}", highlight=False)
        raise typer.Exit(1) from None
    out_console.print_json(json.dumps(report, ensure_ascii=False))
