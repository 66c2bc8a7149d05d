"""Fixture tests: ``tests/fixtures/<construct>.md`` holds cases of mmark input and
the doctree (pseudo-XML, after references are resolved) plus warnings they must give.

All cases of one file are built together as documents of one Sphinx project.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest

from .helpers import FixtureCase, build, read_fixture_file, write_project

FIXTURES = Path(__file__).parent / "fixtures"
FILES = sorted(FIXTURES.glob("*.md"))
_DOCNAME_ATTR = re.compile(r' docname="case-\d+"')
_LOCATION = re.compile(r"^(?:.*/)?(case-\d+)\.md:(\d+): WARNING: (.*)$")


def _cases(path: Path) -> list[FixtureCase]:
    return list(read_fixture_file(path))


@cache
def _built(path: Path, tmp_root: Path) -> dict[str, str]:
    """Render every case of ``path``: docname → normalised output."""
    cases = _cases(path)
    files = {f"case-{n:03d}.md": case.source for n, case in enumerate(cases)}
    files["index.rst"] = "Fixtures\n========\n"
    srcdir = tmp_root / path.stem
    write_project(srcdir, files, conf="mmark_build_drafts = True\n")
    result = build(srcdir, "html")
    outputs: dict[str, list[str]] = {}
    for n in range(len(cases)):
        docname = f"case-{n:03d}"
        doctree = result.doctree(docname)
        body = "\n".join(child.pformat().rstrip("\n") for child in doctree.children)
        body = _DOCNAME_ATTR.sub("", body)  # Sphinx notes each footnote's document
        outputs[docname] = [body] if body else []
    for line in result.warning_lines():
        match = _LOCATION.match(line)
        assert match, f"a warning without a case location: {line}"
        outputs[match.group(1)].append(f"WARNING:{match.group(2)}: {match.group(3)}")
    return {docname: "\n".join(parts).strip() for docname, parts in outputs.items()}


def _params() -> list[object]:
    return [
        pytest.param(path, n, id=f"{path.stem}:{case.line}:{case.title}")
        for path in FILES
        for n, case in enumerate(_cases(path))
    ]


@pytest.mark.parametrize(("path", "index"), _params())
def test_fixture(path: Path, index: int, tmp_path_factory: pytest.TempPathFactory) -> None:
    case = _cases(path)[index]
    root = tmp_path_factory.getbasetemp() / "fixtures"
    actual = _built(path, root)[f"case-{index:03d}"]
    assert actual == case.expected.strip(), f"{path.name}:{case.line} {case.title}"
