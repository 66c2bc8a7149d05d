"""Helpers shared by the tests: building small Sphinx projects, reading fixture files."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from io import StringIO
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_colors
from sphinx.util.docutils import patch_docutils

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("SPHINX_MMARK_SHARED", str(REPO.parent / "shared")))
CORPUS = SHARED / "corpus"
ARTIFACTS_VARIABLE = "SPHINX_MMARK_ARTIFACTS"
"""Names a folder that receives what the tests make for a person to look at (CI sets it)."""


def artifacts_dir(kind: str) -> Path | None:
    """The folder ``$SPHINX_MMARK_ARTIFACTS/<kind>`` (created), or None when the variable
    is not set: tests then keep screenshots and PDFs in their temporary directories."""
    root = os.environ.get(ARTIFACTS_VARIABLE)
    if not root:
        return None
    folder = Path(root) / kind
    folder.mkdir(parents=True, exist_ok=True)
    return folder


_WARNING_LINE = re.compile(r"^(?P<file>[^\s:]+?):(?P<line>\d+)?:? ?(?:WARNING|ERROR): (?P<msg>.*)$")


@dataclass
class Build:
    """The result of one Sphinx build."""

    app: Sphinx
    srcdir: Path
    outdir: Path
    status: str
    warnings: str

    def warning_lines(self) -> list[str]:
        """Every warning, one per line, with the source directory made relative."""
        text = self.warnings.replace(str(self.srcdir) + "/", "")
        return [line for line in text.splitlines() if "WARNING" in line or "ERROR" in line]

    def html(self, docname: str) -> str:
        return (self.outdir / f"{docname}.html").read_text(encoding="utf-8")

    def doctree(self, docname: str) -> nodes.document:
        """The resolved doctree of ``docname``, as the writer sees it."""
        return self.app.env.get_and_resolve_doctree(docname, self.app.builder, tags=self.app.tags)


def write_project(srcdir: Path, files: Mapping[str, str | bytes], conf: str = "") -> None:
    """Lay out a project: ``files`` maps relative paths to contents."""
    srcdir.mkdir(parents=True, exist_ok=True)
    (srcdir / "conf.py").write_text(
        'extensions = ["sphinx_mmark"]\nsuppress_warnings = ["toc.not_included"]\n' + conf,
        encoding="utf-8",
    )
    for relpath, content in files.items():
        path = srcdir / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


def build(
    srcdir: Path,
    builder: str = "html",
    *,
    parallel: int = 0,
    fresh: bool = True,
    overrides: Mapping[str, object] | None = None,
) -> Build:
    """Build the project in ``srcdir`` (already laid out) into ``srcdir/_build/<builder>``."""
    status, warning = StringIO(), StringIO()
    docutils_conf = srcdir / "docutils.conf"
    saved_conf = docutils_conf.read_bytes() if docutils_conf.is_file() else None
    with patch_docutils(srcdir):  # read srcdir/docutils.conf, as sphinx-build does
        app = SphinxTestApp(
            builder,
            srcdir=srcdir,
            builddir=srcdir / "_build",
            freshenv=fresh,
            confoverrides=dict(overrides or {}),
            status=status,
            warning=warning,
            parallel=parallel,
        )
        try:
            app.build()
        finally:
            app.cleanup()  # (it also deletes srcdir/docutils.conf: put it back)
            if saved_conf is not None:
                docutils_conf.write_bytes(saved_conf)
    return Build(
        app, srcdir, app.outdir, strip_colors(status.getvalue()), strip_colors(warning.getvalue())
    )


@dataclass
class FixtureCase:
    """One case of a fixture file."""

    title: str
    line: int
    source: str
    expected: str


def read_fixture_file(path: Path) -> Iterator[FixtureCase]:
    """Cases in markdown-it's fixture format: title, ``.``, input, ``.``, expected, ``.``."""
    lines = path.read_text(encoding="utf-8").split("\n")
    index = 0
    while index < len(lines):
        if index + 1 < len(lines) and lines[index + 1] == "." and lines[index].strip():
            title, start = lines[index], index + 1
            index += 2
            source: list[str] = []
            while lines[index] != ".":
                source.append(lines[index])
                index += 1
            index += 1
            expected: list[str] = []
            while lines[index] != ".":
                expected.append(lines[index])
                index += 1
            yield FixtureCase(title, start, "\n".join(source) + "\n", "\n".join(expected))
        index += 1
