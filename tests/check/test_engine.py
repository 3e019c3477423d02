"""The large-file engine (dashboard/ingest/blocks.py) against the reference reader: the same figures, warnings and
located failures on every corpus file and on synthetic samples, read in blocks small enough to split lines."""

from __future__ import annotations

import codecs
import random
import threading
import time
from pathlib import Path

import pytest

from dashboard.ingest import InputError, InputFile, blocks, read_trade_input
from dashboard.ingest import reader as reader_module
from dashboard.ingest.reader import sniff_header
from tests.check.synthetic import (
    LEGACY_HEADER,
    PLUS_HEADER,
    comtrade_export_lines,
    legacy_row,
    plus_row,
    write,
)

CORPUS = Path(__file__).resolve().parent.parent / "corpus" / "files"
REFERENCE, ENGINE = 1 << 62, 0  # LARGE_FILE_BYTES that sends every file to one reader or the other


@pytest.fixture(autouse=True)
def small_blocks(monkeypatch):
    """Blocks of a few hundred bytes: rows straddle the byte-check steps and the parsed blocks."""
    monkeypatch.setattr(blocks, "SCAN_BYTES", 97)
    monkeypatch.setattr(blocks, "BLOCK_BYTES", 1500)


def outcome(path: Path, threshold: int, monkeypatch) -> tuple:
    """What `bilateral check` reads from the file with every file sent to one reader: the input summary, the
    trade rows and the warnings, or the located failures."""
    monkeypatch.setattr(reader_module, "LARGE_FILE_BYTES", threshold)
    try:
        found = read_trade_input(InputFile.from_path(path))
    except InputError as error:
        return ("refused", [(f.file, f.line, f.column, f.check, f.value) for f in error.failures])
    return (
        "read",
        found.summary(),
        found.trade.astype(object).where(found.trade.notna(), None).to_dict("records"),  # NaN != NaN
        [(w.file, w.line, w.kind, w.message) for w in found.warnings],
    )


def assert_alike(path: Path, monkeypatch) -> tuple:
    """Both readers give the same outcome; return it."""
    reference = outcome(path, REFERENCE, monkeypatch)
    engine = outcome(path, ENGINE, monkeypatch)
    assert engine == reference
    return engine


def vouched(path: Path) -> bool:
    """The engine read the file itself (rather than handing it back to the reference reader)."""
    file = InputFile.from_path(path)
    return blocks.scan_blocks(file, sniff_header(file)) is not None


@pytest.mark.parametrize("name", sorted(p.name for p in CORPUS.iterdir()))
def test_every_corpus_file_is_refused_alike_by_both_readers(name, monkeypatch):
    result = assert_alike(CORPUS / name, monkeypatch)
    assert result[0] == "refused" and result[1]  # the corpus holds only files to refuse, each located


def test_a_small_file_summed_by_hand(tmp_path, monkeypatch):
    """China's 2021 exports as an annual row (10.0 bn); its imports as 12 monthly rows of 1.5 bn (18.0 bn)."""
    lines = [PLUS_HEADER, plus_row(156, 643, "X", 2021, value=10e9)]
    lines += [plus_row(156, 643, "M", 2021, month, value=1.5e9) for month in range(1, 13)]  # lines 3-14
    lines += [plus_row(842, 643, "X", 2021, value=7e9), plus_row(156, 643, "X", 2021, cmd="27", value=3e9)]
    lines += [
        plus_row(1156, 643, "X", 2021, value=4e9),
        plus_row(156, 6430, "M", 2021, value=5e9),
    ]  # not China/Russia
    path = write(tmp_path / "by_hand.csv", lines)
    assert vouched(path)
    _, summary, trade, _ = assert_alike(path, monkeypatch)
    figures = {(r["measure"], r["note"]): round(r["value_usd_bn"], 9) for r in trade}
    assert figures == {
        ("china_exports_to_russia", "annual row, line 2, exports"): 10.0,
        ("china_imports_from_russia", "sum of 12 monthly rows, lines 3-14, imports"): 18.0,
        ("turnover", "exports + imports"): 28.0,
    }
    assert summary["rows"] == 17 and summary["comtrade"]["china_russia_rows"] == 14  # 842, 1156, 6430: not


def test_the_synthetic_export_with_quotes_bom_crlf_and_blank_lines(tmp_path, monkeypatch):
    lines = comtrade_export_lines()
    lines[3] = lines[3].replace("SYNTHETIC", '"SYNTHETIC, with a comma and ""quotes"""', 1)
    lines[5] = lines[5].replace(",156,", ", 156 ,", 1).replace(",643,", ",643.0,", 1)  # codes as typed
    lines[7] = lines[7].replace(",TOTAL,", ',"TOT"AL,', 1)  # TOTAL to pandas and to pyarrow
    lines[8] = lines[8].replace(",156,", ', "156",', 1)  # the quotes are part of the cell: not China's code
    lines.insert(9, "")  # a blank line is a row of empty cells to both readers
    data = codecs.BOM_UTF8 + ("\r\n".join(lines)).encode("utf-8")  # no line end after the last row
    path = write(tmp_path / "excel.csv", data)
    assert vouched(path)
    result = assert_alike(path, monkeypatch)
    assert result[0] == "read" and result[1]["rows"] == len(lines) - 1
    assert any("byte-order mark" in w[3] for w in result[3])


def test_a_random_export_of_many_blocks(tmp_path, monkeypatch):
    """3,000 rows of random reporters, partners (codes as typed: spaces, '.0'), commodities, transport modes and
    partner2 codes around one complete set of China-Russia totals: over 300 blocks, one outcome."""
    rng = random.Random(20261130)
    codes = ["156", "643", " 156", "643.0", "1156", "6430", "842", "0"]
    lines = [PLUS_HEADER]
    for year in range(2000, 2025):
        lines += [plus_row(156, 643, flow, year, value=rng.randint(10**9, 10**11)) for flow in ("M", "X")]
    for _ in range(3000):
        lines.insert(
            rng.randint(1, len(lines)),
            plus_row(
                rng.choice(codes),
                rng.choice(codes),
                rng.choice("MX"),
                rng.randint(2000, 2024),
                rng.choice([52, *range(1, 13)]),
                value=rng.randint(1, 10**9),
                cmd=rng.choice(["27", "8542", "TOTAL "]) if rng.random() < 0.9 else "TOTAL",
                partner2=0 if rng.random() < 0.5 else 344,
                mot=rng.choice([0, 1000]),
            )
            if rng.random() < 0.5
            else plus_row(842, 0, "X", 2020, cmd="01"),
        )
    path = write(tmp_path / "random.csv", lines)
    assert vouched(path)
    result = assert_alike(path, monkeypatch)
    assert result[0] == "read" and result[1]["rows"] == 3050


def test_legacy_and_tab_separated_exports(tmp_path, monkeypatch):
    legacy = [LEGACY_HEADER] + [
        legacy_row(156, 643, flow, year, value=(year - 1990) * 1e9)
        for year in range(2000, 2020)
        for flow in (1, 2)
    ]
    tabbed = [line.replace(",", "\t") for line in comtrade_export_lines()]
    for path in (write(tmp_path / "legacy.csv", legacy), write(tmp_path / "bulk.txt", tabbed)):
        assert vouched(path)
        assert assert_alike(path, monkeypatch)[0] == "read"


def test_a_bad_value_in_a_total_row_is_located_by_the_engine(tmp_path, monkeypatch):
    lines = [PLUS_HEADER] + [plus_row(842, 0, "X", 2020, cmd="01")] * 40
    lines += [plus_row(156, 643, "X", 2020, value="1,234.0".join('""'))]  # line 42, quoted: '1,234.0'
    path = write(tmp_path / "bad.csv", lines)
    assert vouched(path)
    result = assert_alike(path, monkeypatch)
    assert result == (
        "refused",
        [
            (
                str(path),
                42,
                "primaryValue",
                "thousands separator",
                "'1,234.0' has a thousands separator: write 1234.0",
            )
        ],
    )


@pytest.mark.parametrize(
    "damage",
    ["quoted line break", "bare CR", "short quoted row", "NUL byte", "too many fields", "Latin-1"],
)
def test_what_the_engine_cannot_vouch_for_goes_back_to_the_reference_reader(damage, tmp_path, monkeypatch):
    filler = [
        plus_row(842, 0, "X", 2020, cmd="01")
    ] * 400  # about 100 kB: the damage lies beyond the header sniff
    lines = comtrade_export_lines() + filler + comtrade_export_lines()[1:]
    row = len(lines) - 20
    if damage == "quoted line break":
        lines[row] = lines[row].replace("SYNTHETIC", '"SYNTHETIC\nsecond line"', 1)
    elif damage == "bare CR":
        lines[row] = lines[row].replace("SYNTHETIC", "SYNTHETIC\rX", 1)
    elif damage == "short quoted row":
        lines[row] = '"' + lines[row].split(",")[0] + '",' + ",".join(lines[row].split(",")[1:30])
    elif damage == "NUL byte":
        lines[row] = lines[row].replace("SYNTHETIC", "SYN\x00", 1)
    elif damage == "too many fields":
        lines[row] += ",extra"
    encoded = [line.encode("utf-8") for line in lines]
    if damage == "Latin-1":
        encoded[row] = lines[row].replace("SYNTHETIC", "SYNTHÉTIC", 1).encode("latin-1")
    path = write(tmp_path / "damaged.csv", b"\n".join(encoded) + b"\n")
    assert not vouched(path)
    result = assert_alike(path, monkeypatch)
    if damage in ("NUL byte", "too many fields", "Latin-1"):
        assert result[0] == "refused" and result[1][0][1] == row + 1  # located as before


def test_a_file_without_china_russia_rows_gets_the_reference_inventory(tmp_path, monkeypatch):
    path = write(tmp_path / "usa.csv", [PLUS_HEADER] + [plus_row(842, 0, "X", y) for y in range(2000, 2030)])
    assert not vouched(path)
    result = assert_alike(path, monkeypatch)
    assert result[0] == "refused" and "842 USA (30 rows)" in result[1][0][4]


def test_files_from_the_threshold_on_go_to_the_engine(export_csv, monkeypatch):
    used = []
    monkeypatch.setattr(reader_module, "scan_blocks", lambda *a: used.append("engine"))  # None: fall back
    size = export_csv.stat().st_size
    for threshold in (size + 1, size):
        monkeypatch.setattr(reader_module, "LARGE_FILE_BYTES", threshold)
        assert read_trade_input(InputFile.from_path(export_csv)).rows == len(comtrade_export_lines()) - 1
    assert used == ["engine"]  # only the second time; the reference reader read the file both times


def test_the_engine_reads_at_most_a_few_blocks_ahead_of_the_parser(tmp_path, monkeypatch):
    """Memory stays bounded: however slow the parsing, the file is read only a few blocks ahead of it."""
    path = write(tmp_path / "long.csv", comtrade_export_lines() + [plus_row(842, 0, "X", 2020)] * 400)
    read, parsed, ahead, lock = [0], [0], [0], threading.Lock()
    parser = blocks._parser

    def slow_parser(*args):
        parse = parser(*args)

        def slow(data, end):
            time.sleep(0.002)
            found = parse(data, end)
            with lock:
                parsed[0] += end
            return found

        return slow

    def progress(size):
        with lock:
            read[0] += size
            ahead[0] = max(ahead[0], read[0] - parsed[0])

    monkeypatch.setattr(blocks, "_parser", slow_parser)
    file = InputFile.from_path(path)
    assert blocks.scan_blocks(file, sniff_header(file), progress) is not None
    bound = (blocks.IN_FLIGHT + 2) * (blocks.BLOCK_BYTES + blocks.SCAN_BYTES) + len(PLUS_HEADER)
    assert read[0] == file.size > 5 * bound and ahead[0] <= bound
