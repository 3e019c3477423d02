"""The source-pack snapshot is sealed: every included file has its recorded bytes and sha256, nothing unlisted."""

import hashlib
import json
import shutil
from pathlib import Path

SEALS = {
    "snapshot.json",
    "seed-article.excerpts.json",
}  # written by the build script, not copied from the pack


def seal_problems(folder: Path) -> list[str]:
    """Every way the snapshot in folder differs from its snapshot.json; empty when sealed."""
    snapshot = json.loads((folder / "snapshot.json").read_text(encoding="utf-8"))
    problems = []
    listed = set()
    for entry in snapshot["files"]:
        listed.add(entry["path"])
        path = folder / entry["path"]
        if not entry["included"]:
            if not entry.get("reason"):
                problems.append(f"{entry['path']}: not included and no reason given")
            if path.exists():
                problems.append(f"{entry['path']}: marked not included but present")
            continue
        if not path.is_file():
            problems.append(f"{entry['path']}: missing")
            continue
        data = path.read_bytes()
        if (len(data), hashlib.sha256(data).hexdigest()) != (entry["bytes"], entry["sha256"]):
            problems.append(f"{entry['path']}: bytes or sha256 differ from snapshot.json")
    on_disk = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
    problems += [f"{name}: not listed in snapshot.json" for name in sorted(on_disk - listed - SEALS)]
    return problems


def test_every_included_file_has_its_recorded_bytes_and_sha256(source_pack):
    assert seal_problems(source_pack) == []


def test_the_snapshot_lists_every_file_the_pack_readme_names(source_pack):
    snapshot = json.loads((source_pack / "snapshot.json").read_text(encoding="utf-8"))
    entries = {entry["path"]: entry for entry in snapshot["files"]}
    readme = (source_pack / "README.md").read_text(encoding="utf-8")
    named = [name for name in entries if f"`{name}`" in readme]
    assert len(named) == len(entries) - 1  # all but the README itself
    assert snapshot["origin"]["as_of"] == "2026-11-28"
    assert {name for name, entry in entries.items() if not entry["included"]} == {
        "seed-article.txt",
        "raw/sipriarmsdata_export_tiv.csv",
        "raw/sipriarmsdata_import_tiv.csv",
    }
    # Where the raw SIPRI tables come from, as the pack README gives it.
    for name, upstream in [("export", "data/export_tiv.csv"), ("import", "data/import_tiv.csv")]:
        origin = entries[f"raw/sipriarmsdata_{name}_tiv.csv"]["origin"]
        assert (origin["repository"], origin["path"], origin["commit"]) == (
            "lajh87/sipriarmsdata",
            upstream,
            "818b52a36d911119f14daadad79a97edbaa3cb7d",
        )


def test_the_excerpts_belong_to_the_article_the_snapshot_lists(source_pack):
    snapshot = json.loads((source_pack / "snapshot.json").read_text(encoding="utf-8"))
    (article,) = [entry for entry in snapshot["files"] if entry["path"] == "seed-article.txt"]
    excerpts = json.loads((source_pack / "seed-article.excerpts.json").read_text(encoding="utf-8"))
    assert (excerpts["bytes"], excerpts["sha256"]) == (article["bytes"], article["sha256"])
    assert not (source_pack / "seed-article.txt").exists()
    # Excerpts, not the article: far less than the whole text.
    assert sum(len(excerpt["text"]) for excerpt in excerpts["excerpts"]) < excerpts["chars"] / 4


def test_a_changed_byte_breaks_the_seal(source_pack, tmp_path):
    copy = tmp_path / "source-pack"
    shutil.copytree(source_pack, copy)
    assert seal_problems(copy) == []
    target = copy / "trade_annual.csv"
    data = bytearray(target.read_bytes())
    data[100] ^= 1
    target.write_bytes(bytes(data))
    assert seal_problems(copy) == ["trade_annual.csv: bytes or sha256 differ from snapshot.json"]


def test_a_missing_or_unlisted_file_breaks_the_seal(source_pack, tmp_path):
    copy = tmp_path / "source-pack"
    shutil.copytree(source_pack, copy)
    (copy / "raw" / "comtrade_plus_format_sample_laureleallen.csv").unlink()
    (copy / "seed-article.txt").write_text("the whole article\n", encoding="utf-8")
    (copy / "notes.csv").write_text("a,b\n", encoding="utf-8")
    assert seal_problems(copy) == [
        "raw/comtrade_plus_format_sample_laureleallen.csv: missing",
        "seed-article.txt: marked not included but present",
        "notes.csv: not listed in snapshot.json",
    ]
