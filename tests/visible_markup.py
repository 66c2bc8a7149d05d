"""The visible-markup check: raw mmark that a reader still sees on a rendered HTML page.

A page is read with BeautifulSoup; its *visible text* is every text node of the article body
(``div[role=main]``) that is not inside code (``pre``, ``code``, ``tt``, ``kbd``, ``samp``),
maths (``.math``), a script or a style sheet. Attribute values are not text and never count.
Text nodes are joined in document order, so a marker split over two inline elements (``[`` in
one, ``^`` in the next) is still found; a skipped element leaves a line break in its place, so
text before and after a formula never joins into a false marker.

A *hit* is one occurrence of a :data:`MARKERS` string in that text. The corpus test
(``tests/test_visible_markup.py``) renders every corpus document and fails on hits not listed
in the exceptions file ``tests/baselines/visible_markup.json``: a list of objects with
``file`` (relative to the corpus root), ``marker``, ``context`` (a short string that must occur
in the hit's context) and ``reason``. An exception matches only its own file and marker, so the
same marker appearing elsewhere still fails.
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import Comment, Declaration, Doctype, ProcessingInstruction

MARKERS = ("{#", "{.", "[^", "$$", "{{<", "%%%", "](", "<{{", "(#", "{mainmatter}")
"""Raw mmark that must not reach a reader: attributes, footnotes, display maths, shortcodes,
title blocks, links, includes, cross references and the matter markers."""

HIDDEN_TAGS = frozenset({"pre", "code", "tt", "kbd", "samp", "script", "style", "template"})
"""Elements whose text is code or not shown: markers in them are meant literally."""

HIDDEN_CLASSES = frozenset({"math", "headerlink"})
"""Classes of elements holding maths (Sphinx writes ``span.math`` and ``div.math``) or no
author text (the heading's permalink sign)."""

CONTEXT = 30
"""Characters of visible text kept on each side of a hit (about 60 in all)."""

_SKIPPED_STRINGS = (Comment, Declaration, Doctype, ProcessingInstruction)
_BREAK = "\n"

EXCEPTIONS = Path(__file__).parent / "baselines" / "visible_markup.json"
DOC_ROLES = ("doc", "doc-chapter")
SUFFIXES = (".md", ".mmark")


@dataclass(frozen=True)
class Hit:
    """One marker a reader sees: the page's file, the marker and the text around it."""

    file: str
    marker: str
    context: str

    def __str__(self) -> str:
        return f"{self.file}: {self.marker!r} in {self.context!r}"


@dataclass(frozen=True)
class Allowed:
    """A hit the document means literally (or a known defect): file, marker, a piece of the
    hit's context, and why it is allowed."""

    file: str
    marker: str
    context: str
    reason: str

    def allows(self, hit: Hit) -> bool:
        """Whether this exception covers ``hit`` (same file and marker, context contained)."""
        return hit.file == self.file and hit.marker == self.marker and self.context in hit.context


def _hidden(tag: Tag) -> bool:
    if tag.name in HIDDEN_TAGS:
        return True
    classes = tag.get("class") or []
    return any(name in HIDDEN_CLASSES for name in classes)


def _pieces(node: Tag) -> Iterator[str]:
    """The visible strings under ``node`` in document order; a hidden element gives a break."""
    for child in node.children:
        if isinstance(child, Tag):
            if _hidden(child):
                yield _BREAK
            else:
                yield from _pieces(child)
        elif isinstance(child, NavigableString) and not isinstance(child, _SKIPPED_STRINGS):
            yield str(child)


def article(html: str) -> Tag:
    """The article body of a Sphinx page (the whole page when it has none)."""
    soup = BeautifulSoup(html, "html.parser")
    main = soup.find(attrs={"role": "main"}) or soup.find("article") or soup.body
    return main if isinstance(main, Tag) else soup


def visible_text(html: str) -> str:
    """The text a reader sees in the article body of ``html`` (code and maths left out)."""
    return "".join(_pieces(article(html)))


def hits(file: str, html: str, markers: Iterable[str] = MARKERS) -> list[Hit]:
    """Every occurrence of a marker in the visible text of ``html``, in order of position."""
    text = visible_text(html)
    found: list[tuple[int, Hit]] = []
    for marker in markers:
        start = text.find(marker)
        while start != -1:
            context = text[max(0, start - CONTEXT) : start + len(marker) + CONTEXT]
            found.append((start, Hit(file, marker, " ".join(context.split()))))
            start = text.find(marker, start + 1)
    return [hit for _start, hit in sorted(found, key=lambda pair: pair[0])]


def load_exceptions(path: Path = EXCEPTIONS) -> list[Allowed]:
    """The exceptions file (see the module docstring); none when it is absent."""
    if not path.is_file():
        return []
    rows = json.loads(path.read_text(encoding="utf-8"))
    return [Allowed(row["file"], row["marker"], row["context"], row["reason"]) for row in rows]


def unexpected(found: Iterable[Hit], allowed: Iterable[Allowed]) -> list[Hit]:
    """The hits no exception covers."""
    allowed = list(allowed)
    return [hit for hit in found if not any(rule.allows(hit) for rule in allowed)]


def unused(found: Iterable[Hit], allowed: Iterable[Allowed]) -> list[Allowed]:
    """The exceptions that cover no hit (the defect was fixed: remove them)."""
    found = list(found)
    return [rule for rule in allowed if not any(rule.allows(hit) for hit in found)]


# -- the corpus --------------------------------------------------------------------------


BOOKS = "books"
"""The corpus folder whose subfolders are projects of their own (one book each)."""


def project_of(relpath: str) -> str | None:
    """The project a corpus path belongs to: its top-level folder, or ``books/<book>``
    (a v1 book reads its includes relative to its own folder, as mmark ran in it); None
    for a file at the corpus root."""
    parts = relpath.split("/")
    depth = 2 if parts[0] == BOOKS else 1
    return "/".join(parts[:depth]) if len(parts) > depth else None


def corpus_documents(root: Path) -> dict[str, list[str]]:
    """Project (see :func:`project_of`) -> the documents of the corpus at ``root`` in it, as
    paths relative to the project: the ``MANIFEST.tsv`` rows whose role is a document, and
    the Markdown files it does not list (the seed post)."""
    listed: dict[str, str] = {}
    manifest = root / "MANIFEST.tsv"
    if manifest.is_file():
        with manifest.open(encoding="utf-8", newline="") as handle:
            rows = csv.DictReader(handle, delimiter="\t")
            listed = {row["local_path"]: row["role"] for row in rows}
    projects: dict[str, list[str]] = {}
    for path in sorted(root.rglob("*")):
        relpath = path.relative_to(root).as_posix()
        project = project_of(relpath)
        if path.suffix not in SUFFIXES or not path.is_file() or project is None:
            continue
        if listed.get(relpath, "doc") in DOC_ROLES:
            projects.setdefault(project, []).append(relpath[len(project) + 1 :])
    return projects


def docname(relpath: str) -> str:
    """The Sphinx document name of a source path."""
    return os.path.splitext(relpath)[0]
