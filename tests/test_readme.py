"""The README's instructions work: every `bilateral ...` line in its code blocks parses with the real command
line parser, and every `make <target>` it names is a target of the Makefile."""

import contextlib
import io
import re
import shlex
from pathlib import Path

import pytest

from dashboard.cli import build_parser

REPO = Path(__file__).resolve().parent.parent
README = (REPO / "README.md").read_text(encoding="utf-8")
MAKEFILE = (REPO / "Makefile").read_text(encoding="utf-8")


def code_block_lines(markdown: str) -> list[str]:
    """The lines inside ``` fences."""
    lines, inside = [], False
    for line in markdown.splitlines():
        if line.lstrip().startswith("```"):
            inside = not inside
        elif inside:
            lines.append(line.strip())
    return lines


def command_lines(markdown: str) -> list[str]:
    """Every `bilateral ...` line of a code block, its trailing `# comment` removed."""
    commands = []
    for line in code_block_lines(markdown):
        if line.startswith("bilateral "):
            words = shlex.split(line, comments=True)
            commands.append(shlex.join(words))
    return commands


COMMANDS = command_lines(README)
MAKE_TARGETS = sorted(set(re.findall(r"\bmake ([a-z][\w-]*)", README)))


def test_the_readme_shows_the_command_line():
    assert len(COMMANDS) >= 10
    shown = {c.split()[1] for c in COMMANDS}
    assert shown >= {"validate", "targets", "serve", "figures", "check", "datasets"}


@pytest.mark.parametrize("line", COMMANDS)
def test_every_readme_command_parses(line):
    argv = shlex.split(line)[1:]
    stderr = io.StringIO()
    try:
        with contextlib.redirect_stderr(stderr):
            build_parser().parse_args(argv)
    except SystemExit as exit_:
        pytest.fail(f"README line does not parse: {line!r} (exit {exit_.code}): {stderr.getvalue().strip()}")


def test_comments_are_stripped_but_quoted_hashes_kept():
    assert command_lines("```\nbilateral targets --json  # as JSON\n```") == ["bilateral targets --json"]
    assert command_lines("```\nbilateral check 'a #1.csv'\n```") == ["bilateral check 'a #1.csv'"]


def test_the_readme_names_make_targets():
    assert {"run", "test"} <= set(MAKE_TARGETS)


@pytest.mark.parametrize("target", MAKE_TARGETS)
def test_every_make_target_in_the_readme_exists(target):
    assert re.search(rf"^{re.escape(target)}\s*:", MAKEFILE, re.MULTILINE), f"README names `make {target}`"
