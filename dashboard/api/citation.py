"""Citations of a chart's view that pin the data: the versions and sha256 of every dataset, and the permalink."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

BIBTEX_SPECIAL = re.compile(r"([&%$#_{}~^\\])")


@dataclass(frozen=True)
class Citation:
    """What a citation says, whatever its format."""

    title: str
    publisher: str
    issued: str  # YYYY-MM-DD: the newest of the data versions' release dates (stable, unlike 'today')
    url: str
    datasets: tuple[tuple[str, str, str], ...]  # (name, version, sha256)
    key: str

    @property
    def year(self) -> str:
        """The year of issue."""
        return self.issued[:4]

    def data_note(self) -> str:
        """'Data: trade 2026-11-28 (sha256 ee97...), sources 2026-11-28 (sha256 ...).'"""
        parts = [f"{name} {version} (sha256 {sha})" for name, version, sha in self.datasets]
        return "Data: " + "; ".join(parts) + "." if parts else ""

    def text(self) -> str:
        """A plain-text reference."""
        return f"{self.publisher} ({self.year}). {self.title} [Data set]. {self.url}. {self.data_note()}"

    def bibtex(self) -> str:
        """A BibTeX @misc entry."""
        fields = {
            "title": "{" + _tex(self.title) + "}",
            "author": "{" + _tex(self.publisher) + "}",
            "year": self.year,
            "date": self.issued,
            "url": self.url.replace("%", r"\%"),
            "howpublished": r"\url{" + self.url.replace("%", r"\%") + "}",
            "note": _tex(self.data_note()),
        }
        body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields.items())
        return f"@misc{{{self.key}-{self.year},\n{body}\n}}\n"

    def csl(self) -> list[dict]:
        """CSL-JSON: one item of type dataset."""
        year, month, day = (int(part) for part in (self.issued + "-01-01").split("-")[:3])
        return [
            {
                "id": f"{self.key}-{self.year}",
                "type": "dataset",
                "title": self.title,
                "author": [{"literal": self.publisher}],
                "publisher": self.publisher,
                "issued": {"date-parts": [[year, month, day]]},
                "URL": self.url,
                "version": "; ".join(f"{name} {version}" for name, version, _ in self.datasets),
                "note": self.data_note(),
            }
        ]

    def ris(self) -> str:
        """A RIS record (type DATA)."""
        lines = [
            ("TY", "DATA"),
            ("TI", self.title),
            ("AU", self.publisher),
            ("PB", self.publisher),
            ("PY", self.year),
            ("DA", self.issued.replace("-", "/")),
            ("UR", self.url),
            *[("N1", f"{name} {version} sha256 {sha}") for name, version, sha in self.datasets],
            ("ER", ""),
        ]
        return "".join(f"{tag}  - {value}\r\n" for tag, value in lines)


# format name -> (media type, render)
FORMATS = {
    "bibtex": ("application/x-bibtex", lambda c: c.bibtex()),
    "csl-json": ("application/vnd.citationstyles.csl+json", lambda c: json.dumps(c.csl(), indent=1) + "\n"),
    "ris": ("application/x-research-info-systems", lambda c: c.ris()),
    "text": ("text/plain", lambda c: c.text() + "\n"),
}


def _tex(text: str) -> str:
    """Escape the characters BibTeX and LaTeX treat specially."""
    return BIBTEX_SPECIAL.sub(r"\\\1", text)
