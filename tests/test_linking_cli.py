"""``marsad entities`` and ``marsad kb`` commands, and the demo summary section."""
from __future__ import annotations

from typer.testing import CliRunner

from marsad.cli.main import app, load_commands
from marsad.components.linking import EntityLinker
from marsad.document import Article
from marsad.render import article_panel

load_commands()
runner = CliRunner()


def test_linking_cli_entities_prints_a_table_per_article(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text("زيارة إلى موسكو\n\nقال الرئيس الروسي فلاديمير بوتين إن روسيا مستعدة.\n",
                    encoding="utf-8")
    result = runner.invoke(app, ["entities", str(page)], terminal_width=200)
    assert result.exit_code == 0, result.output
    assert "Q7747" in result.output and "Vladimir Putin" in result.output
    assert "Q159" in result.output and "city:moscow" in result.output


def test_linking_cli_entities_reports_bad_input(tmp_path):
    result = runner.invoke(app, ["entities", str(tmp_path / "missing.txt")])
    assert result.exit_code == 1
    assert "E013" in result.output


def test_linking_cli_kb_lookup_and_role():
    result = runner.invoke(app, ["kb", "lookup", "الروسية"], terminal_width=200)
    assert result.exit_code == 0 and "Q159" in result.output
    result = runner.invoke(app, ["kb", "role", "president", "usa", "--date", "2015-07-01"])
    assert result.exit_code == 0 and "Barack Obama" in result.output
    assert runner.invoke(app, ["kb", "lookup", "zzzz-not-a-name"]).exit_code == 1


def test_linking_render_section_lists_english_names():
    from rich.console import Console
    art = EntityLinker()(Article("زار وفد روسيا واليابان."))
    console = Console(width=120, record=True)
    console.print(article_panel(art))
    text = console.export_text()
    assert "Russia" in text and "Japan" in text and "Q17" in text
