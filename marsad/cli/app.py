"""The Typer app every command module attaches to."""
from __future__ import annotations

import typer
from rich.console import Console

app = typer.Typer(name="marsad", no_args_is_help=True, add_completion=False,
                  help="marsad (مرصد): Arabic news in, articles, entities, quotes and events out.")
err_console = Console(stderr=True)
out_console = Console()

DB_HELP = "Archive database: a SQLite file path or postgresql://… URL (default: ./marsad.sqlite)."


def pipeline_or_exit(names: str | None):
    """The pipeline for a ``--pipeline a,b,c`` option (default pipeline if None); a bad name is
    a clear message and exit code 2, not a traceback."""
    from ..errors import MarsadError
    from ..pipeline import load_pipeline

    try:
        return load_pipeline(names.split(",") if names else None)
    except MarsadError as err:
        err_console.print(f"[red]error[/red] {err}", highlight=False)
        raise typer.Exit(2) from None
