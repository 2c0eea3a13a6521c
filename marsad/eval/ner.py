"""``marsad eval ner``: entity-level P/R/F1 of a shipped NER model on a CoNLL file.

Default file: ANERcorp CAMeL test (the headline score; never tune on it). Predictions of the
eight marsad types are mapped back to PERS/LOC/ORG/MISC (GPE/LOC/FAC -> LOC, NORP/PRODUCT/MISC
-> MISC) and scored with seqeval conventions (exact span and type). Throughput is measured on
the same run with a cold feature cache, feature extraction included: ``tokens_per_s`` is per
second of this process's CPU time (fair on a shared machine), ``tokens_per_s_wall`` per second
of wall-clock time.
"""
from __future__ import annotations

import time
from pathlib import Path

from ..errors import MarsadError
from ..ner.corpora import read_conll
from ..ner.model import RESOURCES, NerModel
from ..ner.neural import open_model
from ..ner.score import score, to_conll
from ..ner.tags import COARSE_TO_TYPE, map_tags

DEFAULT_CONLL = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "anercorp" / \
    "ANERCorp_CamelLab_test.txt"
DOC_WINDOW = 20   # consecutive sentences treated as one document (ANERcorp has no doc breaks)


def read_gold(path: Path, limit: int | None = None) -> tuple[list[list[str]], list[list[str]]]:
    if not path.exists():
        raise MarsadError("E420", f"CoNLL file not found: {path}",
                          "pass --conll path/to/ANERCorp_CamelLab_test.txt")
    sents = read_conll(path)[:limit] if limit else read_conll(path)
    tokens = [t for t, _ in sents]
    gold = [to_conll(map_tags([x[0] for x in tags], COARSE_TO_TYPE)) for _, tags in sents]
    return tokens, gold


def predict(model: NerModel, tokens: list[list[str]]) -> list[list[str]]:
    out: list[list[str]] = []
    for i in range(0, len(tokens), DOC_WINDOW):
        out.extend(model.tag_document(tokens[i:i + DOC_WINDOW]))
    return out


def run(data: str | None = None, conll: str | None = None, model: str | None = None,
        limit: int | None = None, model_dir: str | None = None, **_: object) -> dict:
    path = Path(conll) if conll else (Path(data) / "anercorp" / DEFAULT_CONLL.name if data
                                      else DEFAULT_CONLL)
    tier = model or "fast"
    tokens, gold = read_gold(path, limit)
    ner = open_model(Path(model_dir) if model_dir else RESOURCES, tier)
    t0, c0 = time.perf_counter(), time.process_time()
    pred = predict(ner, tokens)
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    result = score(gold, [to_conll(p) for p in pred])
    n_tokens = sum(len(t) for t in tokens)
    rows = [{"metric": typ, **vals} for typ, vals in result.items()]
    names = {f"{tier}.crfsuite", f"{tier}.npz"}
    if hasattr(ner, "crf"):                 # the ensemble also decodes with the fast CRF
        names.add(f"{ner.crf.tier}.crfsuite")
    size = sum(p.stat().st_size for p in (ner.folder / n for n in names) if p.exists())
    summary = {"model": tier, "file": str(path), "sentences": len(tokens), "tokens": n_tokens,
               "f1": result["micro"]["f1"], "precision": result["micro"]["precision"],
               "recall": result["micro"]["recall"],
               "tokens_per_s": round(n_tokens / cpu) if cpu else None,
               "tokens_per_s_wall": round(n_tokens / seconds) if seconds else None,
               "model_bytes": size}
    return {"title": f"NER ({tier}) on {path.name}", "rows": rows, "summary": summary}


def dev_confusion(tier: str = "fast", data: str | None = None, examples: int = 4) -> dict:
    """Error analysis of a shipped tier on dev (the last 10% of ANERcorp train, which no shipped
    model was trained on): :func:`marsad.ner.analysis.confusion` plus its table rows.

    ``python -m marsad.eval.ner [fast|accurate]`` prints it as markdown (docs/ner.md).
    """
    from ..ner.analysis import confusion, table
    from ..ner.corpora import anercorp
    from ..train.ner import ANER_TRAIN, PSEUDO_DOC, split_dev

    root = Path(data) if data else DEFAULT_CONLL.parents[1]
    path = root / ANER_TRAIN
    if not path.exists():
        raise MarsadError("E420", f"CoNLL file not found: {path}", "pass data= the shared data folder")
    dev = split_dev(anercorp(path))[1]
    ner = open_model(Path(RESOURCES), tier)
    tokens = [t for t, _ in dev]
    pred: list[list[str]] = []
    for i in range(0, len(tokens), PSEUDO_DOC):
        pred += ner.tag_document(tokens[i:i + PSEUDO_DOC])
    result = confusion(tokens, [to_conll(g) for _, g in dev], [to_conll(p) for p in pred], examples)
    return {**result, "rows": table(result)}


def _markdown(result: dict) -> str:
    from ..ner.analysis import CLASSES

    lines = ["| type | " + " | ".join(CLASSES) + " |", "|---" * (len(CLASSES) + 1) + "|"]
    lines += ["| " + " | ".join(str(r[k]) for k in ("type",) + CLASSES) + " |" for r in result["rows"]]
    pairs = sorted(result["type_pairs"].items(), key=lambda kv: -kv[1])
    lines += ["", "gold → predicted type: " + ", ".join(f"{g}→{p} {n}" for (g, p), n in pairs), ""]
    for (kind, typ), shown in sorted(result["examples"].items()):
        lines.append(f"- {kind} {typ}: " + " · ".join(shown))
    return "\n".join(lines)


if __name__ == "__main__":
    import sys

    print(_markdown(dev_confusion(sys.argv[1] if len(sys.argv) > 1 else "fast")))
