"""The syntax pages show each example's mmark source and its rendering from
one file, so the two cannot drift apart.

Each example lives in ``docs/syntax/src/``; a page shows it with a code
include, ``<{{src/x.md}}``, and renders it with a text include,
``{{src/x.md}}``, after a blank line. Examples that change a whole document
show a snippet page's file (``<{{../snippets/x.md}}``), which the snippet page
renders. No example is typed twice by hand.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parent.parent / "docs"
SYNTAX = DOCS / "syntax"
SOURCES = SYNTAX / "src"
CODE_INCLUDE = re.compile(r"^<\{\{(?P<path>[^}\[]+)\}\}$")
FENCE = re.compile(r"^(```+|~~~+)\s*(markdown|md|mmark)\s*$")


def _pages() -> list[Path]:
    return sorted(SYNTAX.glob("*.md"))


def _code_includes(page: Path) -> list[tuple[int, str]]:
    lines = page.read_text(encoding="utf-8").split("\n")
    return [(n, m["path"]) for n, line in enumerate(lines) if (m := CODE_INCLUDE.match(line))]


@pytest.mark.parametrize("page", _pages(), ids=lambda p: p.name)
def test_every_shown_example_is_rendered_right_after_it(page: Path) -> None:
    lines = page.read_text(encoding="utf-8").split("\n")
    for number, path in _code_includes(page):
        target = (page.parent / path).resolve()
        assert target.is_file(), f"{page.name}:{number + 1}: {path} does not exist"
        if target.parent == SOURCES:
            assert lines[number + 1 : number + 3] == ["", f"{{{{{path}}}}}"], (
                f"{page.name}:{number + 1}: <{{{{{path}}}}} is not followed by a blank line"
                f" and {{{{{path}}}}}"
            )
        else:
            assert target.parent == DOCS / "snippets", (
                f"{page.name}:{number + 1}: {path} is neither an example nor a snippet page"
            )


@pytest.mark.parametrize("page", _pages(), ids=lambda p: p.name)
def test_no_example_is_copied_by_hand(page: Path) -> None:
    """A fenced mmark block followed by the same lines is a copy that can drift."""
    lines = page.read_text(encoding="utf-8").split("\n")
    for number, line in enumerate(lines):
        fence = FENCE.match(line)
        if not fence:
            continue
        end = next(i for i in range(number + 1, len(lines)) if lines[i].startswith(fence.group(1)))
        body = lines[number + 1 : end]
        after = lines[end + 1 :]
        while after and after[0] == "":
            after = after[1:]
        assert after[: len(body)] != body, (
            f"{page.name}:{number + 1}: this example is typed twice; put it in"
            " docs/syntax/src/ and include it with <{{src/x.md}} and {{src/x.md}}"
        )


def test_every_example_file_is_used() -> None:
    used = {(page.parent / path).resolve() for page in _pages() for _, path in _code_includes(page)}
    unused = sorted(p.name for p in SOURCES.glob("*.md") if p.resolve() not in used)
    assert unused == [], f"examples in docs/syntax/src/ that no page shows: {unused}"
    assert len(used) >= 10
