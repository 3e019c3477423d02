"""Rebuild snapshots/source-pack/ from a copy of the source pack, so a fresh clone tests without ../shared."""

import argparse
import csv
import hashlib
import json
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parent
DEFAULT_OUT = HERE / "source-pack"
SNAPSHOT_NAME = "snapshot.json"
ARTICLE = "seed-article.txt"
EXCERPTS_NAME = "seed-article.excerpts.json"
AS_OF = "2026-11-28"

# Copied byte for byte: what the tests read and what the datasets' provenance points at.
INCLUDED = (
    "README.md",
    "trade_annual.csv",
    "trade_targets.csv",
    "article_figures.csv",
    "arms_transfers.csv",
    "energy.csv",
    "migration.csv",
    "border_agreements.csv",
    "comtrade_columns.md",
    "raw/comtrade_plus_format_sample_laureleallen.csv",
)
SIPRI_REPOSITORY = "lajh87/sipriarmsdata"
SIPRI_COMMIT = "818b52a36d911119f14daadad79a97edbaa3cb7d"
SIPRI_REASON = (
    "SIPRI's terms (free for non-commercial use with attribution, 'Source: SIPRI Arms Transfers "
    "Database'); no test reads it; arms_transfers.csv carries the figures taken from it. Fetch it from the "
    "repository at the commit given."
)
# Files left out on purpose, with the reason and, where there is one, where to get them again.
EXCLUDED = {
    ARTICLE: {
        "reason": (
            "a copyrighted 2002 journal article: only the excerpts the repository quotes are kept, in "
            f"{EXCERPTS_NAME}, with the sha256 and length of the whole text"
        ),
        "excerpts": EXCERPTS_NAME,
    },
    "raw/sipriarmsdata_export_tiv.csv": {
        "reason": SIPRI_REASON,
        "origin": {"repository": SIPRI_REPOSITORY, "path": "data/export_tiv.csv", "commit": SIPRI_COMMIT},
    },
    "raw/sipriarmsdata_import_tiv.csv": {
        "reason": SIPRI_REASON,
        "origin": {"repository": SIPRI_REPOSITORY, "path": "data/import_tiv.csv", "commit": SIPRI_COMMIT},
    },
}


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def article_quotes(pack: Path, datasets: Path) -> list[tuple[int, str, str]]:
    """(char_offset, quote, where) for every article quote of the sources dataset and of article_figures.csv."""
    quotes = []
    for sources_csv in sorted(datasets.glob("sources/*/sources.csv")):
        with sources_csv.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                if row["source_id"].startswith("article-"):
                    where = f"{sources_csv.relative_to(datasets.parent)} {row['source_id']}"
                    quotes.append((int(row["char_offset"]), row["quote"], where))
    with (pack / "article_figures.csv").open(encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            quotes.append((int(row["char_offset"]), row["quote"], f"article_figures.csv line {line}"))
    return quotes


def excerpts(pack: Path, datasets: Path) -> dict:
    """The article's sha256, length and every quoted excerpt, checked against the whole text."""
    raw = (pack / ARTICLE).read_bytes()
    text = raw.decode("utf-8")
    found = set()
    for offset, quote, where in article_quotes(pack, datasets):
        if not quote or text[offset : offset + len(quote)] != quote:
            sys.exit(f"{where}: the quote is not in {ARTICLE} at char_offset {offset}: {quote!r}")
        found.add((offset, quote))
    return {
        "file": ARTICLE,
        "bytes": len(raw),
        "sha256": sha256(raw),
        "chars": len(text),
        "note": (
            "Excerpts only: the article is copyrighted. char_offset is the 0-based position in the decoded "
            "UTF-8 text, so text[char_offset:char_offset + len(text)] of the whole article equals each excerpt."
        ),
        "excerpts": [{"char_offset": offset, "text": quote} for offset, quote in sorted(found)],
    }


def build(pack: Path, out: Path, datasets: Path) -> dict:
    listed = sorted(p.relative_to(pack).as_posix() for p in pack.rglob("*") if p.is_file())
    unknown = sorted(set(listed) - set(INCLUDED) - set(EXCLUDED))
    if unknown:
        sys.exit(
            f"the pack holds files this script does not know; add them to INCLUDED or EXCLUDED: {unknown}"
        )
    missing = sorted((set(INCLUDED) | set(EXCLUDED)) - set(listed))
    if missing:
        sys.exit(f"the pack lacks files the snapshot expects: {missing}")
    if out.exists():
        if any(out.iterdir()) and not (out / SNAPSHOT_NAME).is_file():
            sys.exit(f"{out} is not empty and holds no {SNAPSHOT_NAME}; refusing to replace it")
        shutil.rmtree(out)
    out.mkdir(parents=True)
    files = []
    for name in listed:
        data = (pack / name).read_bytes()
        entry = {"path": name, "bytes": len(data), "sha256": sha256(data), "included": name in INCLUDED}
        if name in INCLUDED:
            (out / name).parent.mkdir(parents=True, exist_ok=True)
            (out / name).write_bytes(data)
        else:
            entry.update(EXCLUDED[name])
        files.append(entry)
    article = excerpts(pack, datasets)
    (out / EXCERPTS_NAME).write_text(
        json.dumps(article, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    snapshot = {
        "name": "source-pack",
        "description": (
            "The source pack the datasets were curated from (../shared/sources on developers' machines), "
            "sealed: included files are byte-identical copies; the others are listed with the reason."
        ),
        "origin": {"pack": "../shared/sources", "as_of": AS_OF},
        "files": files,
    }
    (out / SNAPSHOT_NAME).write_text(
        json.dumps(snapshot, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    return snapshot


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("pack", type=Path, help="the source pack folder, e.g. ../shared/sources")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="default: snapshots/source-pack")
    parser.add_argument(
        "--datasets", type=Path, default=REPO_ROOT / "datasets", help="for the article quotes"
    )
    args = parser.parse_args(argv)
    if not (args.pack / "README.md").is_file():
        parser.error(f"{args.pack} is not a source pack (no README.md)")
    snapshot = build(args.pack.resolve(), args.out, args.datasets)
    kept = sum(entry["included"] for entry in snapshot["files"])
    print(f"{args.out}: {kept} of {len(snapshot['files'])} files copied, {SNAPSHOT_NAME} and {EXCERPTS_NAME}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
