"""Docs are tested against the code: CLI reference, error codes."""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_docs_every_cli_command_is_documented():
    from marsad.cli.docgen import command_paths
    doc = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    missing = [p for p, _ in command_paths() if f"## `{p}`" not in doc]
    assert not missing, f"undocumented commands {missing}: run python -m marsad.cli.docgen > docs/cli.md"


def test_docs_every_error_code_is_documented():
    doc = (ROOT / "docs" / "errors.md").read_text(encoding="utf-8")
    used = set()
    for path in (ROOT / "marsad").rglob("*.py"):
        used |= set(re.findall(r"[\"'](E\d{3})[\"']", path.read_text(encoding="utf-8")))
    documented = set(re.findall(r"^- (E\d{3})", doc, re.M))
    assert not used - documented, f"error codes used but not in docs/errors.md: {sorted(used - documented)}"


def test_docs_readme_opens_with_the_two_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```bash\n(.*?)```", readme, re.S).group(1).strip().splitlines()
    assert len(block) == 2 and "marsad demo" in block[0] and "pytest" in block[1]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert block[1].strip() in ci, ".ci/run must call the README's test command"
