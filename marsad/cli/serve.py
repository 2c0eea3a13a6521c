"""``marsad serve``: the web reader over an archive."""
from __future__ import annotations

from typing import Optional

import typer

from ..errors import MarsadError
from .app import DB_HELP, app, err_console


@app.command("serve")
def serve_cmd(
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
    port: int = typer.Option(8765, "--port", "-p", min=1, max=65535, help="TCP port."),
    host: str = typer.Option("127.0.0.1", "--host",
                             help="Interface to bind; only this machine by default."),
) -> None:
    """Open the right-to-left web reader and JSON API (/api/…, docs at /docs) over an archive."""
    try:
        from ..web.serve import hosts_for, serve, url_for
        from ..web.app import create_app
        web_app = create_app(db, allowed_hosts=hosts_for(host))
        from ..web.app import is_loopback
        if not is_loopback(host):
            err_console.print(f"[yellow]warning[/yellow] --host {host}: anyone who can reach "
                              "this machine can read the archive (read-only)", highlight=False)
        err_console.print(f"marsad reader: {url_for(host, port)}  (Ctrl+C to stop)",
                          highlight=False)
        serve(db, host, port, app=web_app)
    except MarsadError as err:
        err_console.print(f"[red]error[/red] {err}", highlight=False)
        raise typer.Exit(2) from None
