"""marsad.parallel: several processes, same articles in the same order, every input counted."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from marsad.api import RunSummary, process
from marsad.cli.main import load_commands
from marsad.cli.app import app
from marsad.parallel import process_parallel


def _dump(articles) -> list[str]:
    return [json.dumps(a.to_dict(), ensure_ascii=False, sort_keys=True) for a in articles]


@pytest.fixture
def reference(mixed_inputs):
    summary = RunSummary()
    return _dump(process(mixed_inputs, None, summary)), summary


@pytest.mark.parametrize("jobs", [1, 2])
def test_parallel_same_articles_and_summary_as_one_core(mixed_inputs, reference, jobs):
    expected, ref_summary = reference
    summary = RunSummary()
    got = _dump(process_parallel(mixed_inputs, jobs=jobs, summary=summary, chunk_pages=3))
    assert got == expected
    assert len(got) == 36 + 2   # 36 good records, 2 stories on the example page
    for key in ("inputs", "processed", "skipped", "failed", "articles"):
        assert getattr(summary, key) == getattr(ref_summary, key), key
    assert sorted(e.code for e in summary.errors) == sorted(e.code for e in ref_summary.errors)
    assert {e.code for e in summary.errors} == {"E013", "E016", "E019"}
    assert summary.inputs == summary.processed + summary.skipped + summary.failed


def test_parallel_errors_keep_their_source(mixed_inputs):
    summary = RunSummary()
    list(process_parallel(mixed_inputs, jobs=2, summary=summary, chunk_pages=2))
    by_code = {e.code: e for e in summary.errors}
    assert by_code["E019"].source.endswith("news.jsonl:8")
    assert by_code["E013"].source.endswith("missing.jsonl")


def test_parallel_unknown_component_fails_before_starting(mixed_inputs):
    from marsad.errors import PipelineError
    with pytest.raises(PipelineError) as info:
        list(process_parallel(mixed_inputs, jobs=2, pipeline_names=["nope.v1"]))
    assert info.value.code == "E020"


def test_parallel_cli_jobs_output_identical(mixed_inputs, tmp_path):
    load_commands()
    runner = CliRunner()
    outs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}.jsonl"
        res = runner.invoke(app, ["process", *mixed_inputs, "--jobs", jobs, "-o", str(out)])
        assert res.exit_code == 1, res.output       # the bad inputs make the run not ok
        outs.append(out.read_text(encoding="utf-8"))
    assert outs[0] == outs[1]
    assert len(outs[0].splitlines()) == 38


def test_parallel_article_pickle_round_trip_is_exact(example_page):
    import pickle
    from marsad.api import process_text
    from marsad.document import Span
    art = process_text(example_page.read_text(encoding="utf-8"), "page.txt")[0]
    back = pickle.loads(pickle.dumps(art))
    assert back.to_dict() == art.to_dict()
    assert back.layers == art.layers and back.id == art.id and back.meta == art.meta
    span = back.layer("tokens")[0]
    assert type(span) is Span and pickle.loads(pickle.dumps(span)) == span
    with pytest.raises(AttributeError):
        span.start = 3                               # still frozen


def test_parallel_drop_layers_only_removes_those(mixed_inputs):
    full = list(process_parallel(mixed_inputs, jobs=2, chunk_pages=4))
    slim = list(process_parallel(mixed_inputs, jobs=2, chunk_pages=4,
                                 drop_layers=("tokens", "subtokens")))
    assert [a.to_dict(exclude_layers=("tokens", "subtokens")) for a in full] == \
        [a.to_dict() for a in slim]
    assert all("tokens" not in a.layers for a in slim) and full[0].layer("tokens")


def test_check_pipeline_validates_names_without_building_components():
    from marsad.errors import PipelineError
    from marsad.pipeline import DEFAULT_PIPELINE, check_pipeline
    assert check_pipeline() == DEFAULT_PIPELINE
    with pytest.raises(PipelineError) as exc:
        check_pipeline(["sentences.v1", "nope.v9"])
    assert exc.value.code == "E020"
    with pytest.raises(PipelineError) as exc:
        check_pipeline(["quotes.v1"])                # needs sents and tokens first
    assert exc.value.code == "E022"
