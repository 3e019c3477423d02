"""The README's API examples work: every `curl` address in its code blocks answers 200 in-process."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
ADDRESSES = re.findall(r'^curl [^"\n]*?"?http://127\.0\.0\.1:8050(/[^"\s]*)"?', README, flags=re.MULTILINE)


def test_the_readme_shows_the_api():
    assert len(ADDRESSES) >= 6 and any("/cite?" in a for a in ADDRESSES)


@pytest.mark.parametrize("address", ADDRESSES)
def test_every_readme_example_answers(client, address):
    response = client.get(address)
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
