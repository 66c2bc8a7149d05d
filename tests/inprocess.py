"""Parse mmark documents in-process, many times, with one small Sphinx project.

Building a Sphinx application costs far more than parsing a short document, so the
property, scaling and bad-input tests set one up once and then read one document at a
time through the builder's own ``read_doc`` (the path a real build takes: file
reading, the source parser, reader transforms, the doctree pickle).
"""

from __future__ import annotations

import pickle
import re
from dataclasses import dataclass
from io import StringIO
from pathlib import Path

from docutils import nodes
from sphinx.testing.util import SphinxTestApp
from sphinx.util import logging
from sphinx.util.console import strip_colors

from .helpers import write_project

_WARNING = re.compile(
    r"^(?P<file>[^\n]*?):(?P<line>\d+)?:? ?(?P<level>WARNING|ERROR|CRITICAL): "
    r"(?P<message>.*?)(?: \[(?P<type>[\w-]+)(?:\.(?P<subtype>[\w-]+))?\])?$"
)


@dataclass(frozen=True)
class LoggedWarning:
    """One warning as Sphinx printed it."""

    file: str
    line: int | None
    message: str
    type: str | None
    subtype: str | None

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message} [{self.type}.{self.subtype}]"


@dataclass
class Parsed:
    """The doctree of one document, as pickled by the builder, and its warnings."""

    doctree: nodes.document
    pickled: bytes
    warnings: list[LoggedWarning]
    log: str

    def text(self) -> str:
        return self.doctree.astext()


class InProcessParser:
    """One Sphinx project whose document ``case.<suffix>`` is rewritten and re-read."""

    def __init__(self, root: Path, conf: str = "", suffix: str = ".md") -> None:
        self.srcdir = root
        self.suffix = suffix
        write_project(root, {"index.rst": "Index\n=====\n", f"case{suffix}": "x\n"}, conf=conf)
        self.status, self.warning = StringIO(), StringIO()
        self.app = SphinxTestApp(
            "html",
            srcdir=root,
            builddir=root / "_build",
            freshenv=True,
            status=self.status,
            warning=self.warning,
        )

    def close(self) -> None:
        self.app.cleanup()

    def parse(self, text: str | bytes, docname: str = "case") -> Parsed:
        """Read ``text`` as the document ``docname`` (which must be in the project)."""
        path = self.srcdir / f"{docname}{self.suffix}"
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8", errors="surrogatepass")
        self.warning.seek(0)
        self.warning.truncate()
        # Sphinx's logging is process-wide: another app built since may have taken it
        logging.setup(self.app, self.status, self.warning)
        # forget the previous read of the document first, as a build does (labels, ids)
        self.app.events.emit("env-purge-doc", self.app.env, docname)
        self.app.env.clear_doc(docname)
        self.app.builder.read_doc(docname, _cache=False)
        pickled = (self.app.doctreedir / f"{docname}.doctree").read_bytes()
        doctree = pickle.loads(pickled)
        log = strip_colors(self.warning.getvalue())
        return Parsed(doctree, pickled, parse_warnings(log, self.srcdir), log)


def parse_warnings(log: str, srcdir: Path) -> list[LoggedWarning]:
    """Every warning of a Sphinx log, with paths relative to ``srcdir``."""
    found = []
    # only "\n" ends a logged line: a message may hold U+2028, U+0085, … from the document
    for line in log.replace(str(srcdir) + "/", "").split("\n"):
        match = _WARNING.match(line)
        if match is None:
            continue
        number = match.group("line")
        found.append(
            LoggedWarning(
                match.group("file"),
                int(number) if number else None,
                match.group("message"),
                match.group("type"),
                match.group("subtype"),
            )
        )
    return found


def stray_lines(log: str) -> list[str]:
    """The lines of a Sphinx warning log that are not one whole warning: the second line
    of a warning that was broken in two, a traceback, a message that names no level."""
    return [line for line in log.split("\n") if line and _ANY_WARNING.match(line) is None]


_ANY_WARNING = re.compile(r"^(?:[^\n]*?: )?(?:WARNING|ERROR|CRITICAL): ")
"""The start of a logged warning, with or without its place."""
