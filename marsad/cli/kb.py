"""``marsad kb build|lookup|role``: build and query the shipped knowledge base."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer
from rich.table import Table

from ..errors import MarsadError
from .app import app, err_console, out_console

kb_app = typer.Typer(help="The knowledge base: build it from open data, look names up.",
                     no_args_is_help=True)
app.add_typer(kb_app, name="kb")


def _fail(err: MarsadError) -> None:
    err_console.print(f"[red]error[/red] {err}", highlight=False)
    raise typer.Exit(1) from None


@kb_app.command("build")
def build_cmd(
    data: Path = typer.Option(..., "--data", help="shared/data (with gazetteers/)."),
    out: Optional[Path] = typer.Option(None, "--out", help="Output file (default: the shipped "
                                       "marsad/resources/kb/kb.jsonl.gz)."),
) -> None:
    """Build kb.jsonl.gz from the gazetteers, CLDR and the hand entries (reproducible)."""
    from ..kb import KB_FILE
    from ..kb.build import build
    try:
        manifest = build(data, out or KB_FILE)
    except MarsadError as err:
        _fail(err)
    out_console.print_json(json.dumps(manifest))


@kb_app.command("lookup")
def lookup_cmd(
    name: str = typer.Argument(..., help="An Arabic or English name, or a demonym (الروسية)."),
    type_: Optional[str] = typer.Option(None, "--type", help="Keep entries of this NER type."),
) -> None:
    """Entries whose name (or spelling variant) matches NAME, best first; demonyms too."""
    from ..kb import load_kb
    try:
        kb = load_kb()
    except MarsadError as err:
        _fail(err)
    found = kb.lookup(name, [type_] if type_ else None)
    dem = kb.demonym(name)
    if dem is not None and dem not in found:
        found.append(dem)
    table = Table(title=f"kb lookup {name}")
    for col in ("id", "type", "kind", "name", "name_ar", "roles"):
        table.add_column(col)
    for e in found:
        roles = "; ".join(f"{r.role} {r.of} {r.start or '…'}–{r.end or ''}" for r in e.roles)
        table.add_row(e.id, e.type, e.kind, e.name, e.name_ar, roles)
    out_console.print(table)
    if not found:
        raise typer.Exit(1)


@kb_app.command("role")
def role_cmd(
    role: str = typer.Argument(..., help="president, king, prime_minister, foreign_minister, ..."),
    of: str = typer.Argument(..., help="ISO 3166 alpha-3 code (RUS) or a KB id (Q1065)."),
    date: Optional[str] = typer.Option(None, "--date", help="YYYY-MM-DD (default: any time)."),
) -> None:
    """Who held ROLE of OF on DATE."""
    from ..kb import load_kb
    try:
        holders = load_kb().role_holders(role, of.upper() if len(of) == 3 else of, date)
    except MarsadError as err:
        _fail(err)
    for e in holders:
        out_console.print(f"{e.id}\t{e.name}\t{e.name_ar}", highlight=False)
    if not holders:
        raise typer.Exit(1)
