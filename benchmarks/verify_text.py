"""Benchmark: `bilateral verify` on a 100 kB text against the floor of reading it and running the patterns alone."""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from _results import add_json_option, entry, write

from dashboard.ingest.source import InputFile
from dashboard.processed import build
from dashboard.statements import MAX_TEXT_BYTES, Evidence, verify_file
from dashboard.statements.claims import sentences
from dashboard.statements.lexicon import (
    BOUND_PATTERN,
    DEADLINE,
    GROWTH_PATTERN,
    MEASURE_PATTERN,
    TARGET_WORDS,
)
from dashboard.statements.numbers import AMOUNT, PERCENT, YEAR

DESCRIPTION = """Time of `bilateral verify`'s work (read and check the text, find the claims, judge each against the
sourced series) on a text of about 100 kB, against the floor: reading the same file and running the same patterns
as verify runs them (trade words over every sentence, the rest over sentences with one), nothing judged. Goal: at most 2x the floor. The text repeats the sentences of
tests/statements/corpus.json between filler sentences without numbers; the datasets are loaded once beforehand
(their load time is printed apart).

    .venv/bin/python benchmarks/verify_text.py [--runs 7] [--json PATH]"""
RATIO_GOAL = 2.0
CORPUS = ROOT / "tests" / "statements" / "corpus.json"
FILLER = "The delegations met in the afternoon and discussed logistics, customs procedures and the border crossings."
PATTERNS = (AMOUNT, PERCENT, YEAR, DEADLINE, TARGET_WORDS, GROWTH_PATTERN, BOUND_PATTERN)


def text_of(size: int) -> str:
    """Corpus sentences and filler, one per line, up to `size` bytes of UTF-8."""
    statements = [entry["sentence"] for entry in json.loads(CORPUS.read_text(encoding="utf-8"))]
    lines, total, index = [], 0, 0
    while True:
        line = statements[index % len(statements)] if index % 2 == 0 else FILLER
        encoded = len(line.encode("utf-8")) + 1
        if total + encoded > size:
            return "\n".join(lines) + "\n"
        lines.append(line)
        total += encoded
        index += 1


def floor(path: Path) -> int:
    """Read the file and run the patterns as verify does (the trade words over every sentence, the others over
    the sentences that have one); the number of matches."""
    text = path.read_bytes().decode("utf-8")
    found = 0
    for sentence in sentences(text):
        words = len(MEASURE_PATTERN.findall(sentence.text))
        if words:
            found += words + sum(len(pattern.findall(sentence.text)) for pattern in PATTERNS)
    return found


def timed(function, *args, runs: int) -> tuple[float, object]:
    """The median wall time of `runs` calls, and the last result."""
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = function(*args)
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> int:
    parser = argparse.ArgumentParser(
        description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=7)
    add_json_option(parser)
    args = parser.parse_args()
    start = time.perf_counter()
    bundled = build(as_of_year=2026, cache_dir=None)
    evidence = Evidence.from_frames(bundled.frames["trade"], bundled.frames["targets"])
    load = time.perf_counter() - start
    with tempfile.TemporaryDirectory(prefix="bilateral-bench-") as tmp:
        path = Path(tmp) / "text.txt"
        path.write_text(text_of(MAX_TEXT_BYTES - 1024), encoding="utf-8")
        size = path.stat().st_size
        floor(path)  # warm the pattern caches of both sides
        base, matches = timed(floor, path, runs=args.runs)
        verify, claims = timed(verify_file, InputFile.from_path(path), evidence, runs=args.runs)
    ratio = verify / base
    counts: dict[str, int] = {}
    for claim in claims:  # type: ignore[union-attr]
        counts[claim["verdict"]] = counts.get(claim["verdict"], 0) + 1
    print(f"text: {size:,} bytes; {len(claims):,} claims ({counts}); floor matches: {matches:,}")  # type: ignore[arg-type]
    print(f"datasets loaded and indexed once beforehand in {load:.2f} s (not in either time)")
    print(f"{'work':<44}{'median s':>10}{'x floor':>10}")
    print(f"{'floor: read + the patterns alone':<44}{base:>10.4f}{1.0:>10.2f}")
    print(f"{'bilateral verify (read, check, find, judge)':<44}{verify:>10.4f}{ratio:>10.2f}")
    ok = ratio <= RATIO_GOAL
    print(f"goal <= {RATIO_GOAL:g}x the floor: {'met' if ok else 'NOT met'}")
    write(
        [
            entry(
                "verify_text",
                f"`bilateral verify` on a {size / 1024:.0f} kB text: wall time",
                verify,
                "s",
                "read + patterns alone (floor)",
                base,
                ratio_goal_max=RATIO_GOAL,
            ),
            entry("verify_text", "datasets loaded and indexed (once)", load, "s", detail=True),
        ],
        args.json,
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
