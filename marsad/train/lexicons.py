"""Extract open name lexicons into ``marsad/resources/ner/lexicons/`` (run once, offline).

``python -m marsad.train.lexicons --repos DIR`` reads pinned commits of public GitHub
repositories (bare or normal clones under ``DIR/<owner>+<name>``; ``git`` must be installed)
and writes one plain list per source: unfolded Arabic words or phrases, one per line, sorted,
de-duplicated. The lists ship with the package (licences in ``lexicons/SOURCES.md``);
:func:`marsad.ner.gazetteer.lexicon_rows` folds and filters them when the NER models are
trained, so training never needs these repositories or a network.

Sources (all allow redistribution; see SOURCES.md):

- ``wikidata_person_words.txt``: steveash/NETransliteration-COLING2018, ``data/wd_arabic_80``
  + ``data/wd_arabic_20`` (the two halves of the whole set): single words of Arabic person
  names from Wikidata labels (CC0).
- ``wikipedia_name_words.txt``: google/transliteration ``ar2en.txt``: Arabic words of names
  from Wikipedia titles paired with their English spelling (Apache-2.0).
- ``first_names.txt`` / ``last_names.txt``: AKhateeb/arabic-names (MIT).
- ``clubs.txt``: ArWikiCats/ArWikiCats ``jsons/sports/Clubs_key.json`` Arabic values: sports
  club names (MIT; names from Arabic Wikipedia).
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "resources" / "ner" / "lexicons"

STEVEASH = ("steveash/NETransliteration-COLING2018", "5d5f59e561ecea45a6d3602121e1049baa7a76c3")
GOOGLE = ("google/transliteration", "b2265a6494f4db49458fd79d586287f1fbbcf2f4")
AKHATEEB = ("AKhateeb/arabic-names", "32d5ec88aabb1d1ce79034bfec1d26443124859a")
ARWIKICATS = ("ArWikiCats/ArWikiCats", "d55a83f7dc71cf23f275a7ce38004055945cd72b")

_ARABIC_WORD = re.compile(r"^[\u0621-\u064A\u0670]+$")
_DIACRITICS = re.compile(r"[\u064B-\u0652\u0670\u0640]")   # harakat, dagger alef, tatweel


def _git_dir(repos: Path, repo: str) -> Path:
    base = repos / repo.replace("/", "+")
    for cand in (base / "repo" / ".git", base / "repo", base / ".git", base):
        if (cand / "HEAD").exists() and (cand / "objects").exists():
            return cand
    raise FileNotFoundError(f"no git directory for {repo} under {repos}")


def git_text(repos: Path, source: tuple[str, str], path: str) -> str:
    """A file of a pinned commit, read with ``git show``."""
    repo, commit = source
    out = subprocess.run(["git", "--git-dir", str(_git_dir(repos, repo)), "show", f"{commit}:{path}"],
                         check=True, capture_output=True)
    return out.stdout.decode("utf-8-sig")


def clean(text: str) -> str:
    """No diacritics or tatweel, single spaces."""
    return " ".join(_DIACRITICS.sub("", text).split())


def arabic_words(items) -> list[str]:
    """Sorted unique cleaned items made only of Arabic letters (2+ letters)."""
    out = set()
    for item in items:
        w = clean(item)
        if len(w) >= 2 and _ARABIC_WORD.match(w):
            out.add(w)
    return sorted(out)


def wikidata_person_words(repos: Path) -> list[str]:
    words = []
    for part in ("data/wd_arabic_80", "data/wd_arabic_20"):
        for line in git_text(repos, STEVEASH, part).splitlines():
            cols = line.split("\t")
            if len(cols) >= 2:
                words.append(cols[1].replace(" ", ""))   # letters are space-separated
    return arabic_words(words)


def wikipedia_name_words(repos: Path) -> list[str]:
    return arabic_words(line.split("\t")[0] for line in git_text(repos, GOOGLE, "ar2en.txt").splitlines())


def akhateeb(repos: Path, files: tuple[str, ...]) -> list[str]:
    return arabic_words(w for f in files for w in git_text(repos, AKHATEEB, f).splitlines())


def clubs(repos: Path) -> list[str]:
    data = json.loads(git_text(repos, ARWIKICATS, "ArWikiCats/jsons/sports/Clubs_key.json"))
    out = set()
    for v in data.values():
        phrase = clean(str(v))
        words = phrase.split()
        if words and all(_ARABIC_WORD.match(w) for w in words):
            out.add(phrase)
    return sorted(out)


def extract(repos: Path, out: Path = OUT) -> dict[str, int]:
    """Write every list into ``out``; returns {file: entries}."""
    lists = {
        "wikidata_person_words.txt": wikidata_person_words(repos),
        "wikipedia_name_words.txt": wikipedia_name_words(repos),
        "first_names.txt": akhateeb(repos, ("male-first--names-in-arabic.txt",
                                            "female-first-names-in-arabic.txt")),
        "last_names.txt": akhateeb(repos, ("last-names-in-arabic.txt",)),
        "clubs.txt": clubs(repos),
    }
    out.mkdir(parents=True, exist_ok=True)
    for name, items in lists.items():
        (out / name).write_text("".join(x + "\n" for x in items), encoding="utf-8")
    return {k: len(v) for k, v in lists.items()}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repos", type=Path, required=True,
                    help="folder with the source repositories as <owner>+<name> (git clones)")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    for name, n in extract(args.repos, args.out).items():
        print(f"{name}\t{n}")


if __name__ == "__main__":
    main()
