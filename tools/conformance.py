"""Differential conformance: sphinx-mmark against the reference ``mmark`` binary.

Each document of a corpus is rendered twice:

* by the reference, ``mmark -html -fragment <file>`` (mmark 2.2.25, Debian package
  ``mmark``), run in a scratch copy of the corpus so that includes resolve;
* by sphinx-mmark, in one Sphinx project (``-b html``) holding a scratch copy of the
  corpus; the article body (``div[role=main]``) of each page is taken.

Both HTML fragments are parsed (BeautifulSoup, ``html.parser``) into the *meaning*
of the document, and the two meanings are compared feature by feature:

=============  ======  ==========================================================
feature        weight  compared
=============  ======  ==========================================================
text           40      normalised words of the body, in order (math, footnotes,
                       internal-link text and heading anchors left out)
headings       10      heading titles, in order
heading_ids    5       explicit / automatic heading ids of the reference present
footnotes      10      footnote count and the text of each note, in order
math           10      number of inline and of display formulas
links          8       external link targets (a multiset)
tables         7       table shapes (rows x columns), in order
captions       5       captions of tables, figures and code, in order
citations      5       number of citation references
=============  ======  ==========================================================

A feature absent on both sides does not count. A document's score is the weighted
mean of its feature scores (0-100); the overall score is the mean over documents.

The reference has documented faults (``shared/corpus/README.md``) and renders some
things we render differently on purpose. The tool neutralises them so that sphinx-mmark
is judged on meaning, neither penalised for the reference's faults nor for doing better
(each rule is named in the code where it is applied):

* ``front-matter``: mmark does not strip Hugo front matter, nor skip blank lines before
  it as Hugo does; the reference is given the document with the front matter (and the
  blank lines before it) blanked out, line numbers kept.
* ``empty-title``: our page title made from the front matter's ``title`` (or from a
  ``%%%`` title block) is left out; without a non-empty title our first heading is the
  document's own and stays in.
* ``title-block``: the reference's fragment shows no title block; our title-block
  fields (authors with their ``mailto:`` links, series, keywords) are left out.
* ``shortcode-include``: mmark reads a Hugo shortcode at line start as an include and
  drops it; our figures made from ``figure`` shortcodes (wherever they are, inside
  containers too: matched by image file name or caption) are left out.
* ``shortcode-text``: mmark shows a shortcode that is not at line start as raw text
  ``{{< … >}}`` (with links made inside it); that text is dropped from the reference.
* ``include-text``: mmark shows an include it does not read (inside a paragraph or a
  list item, or not found) as raw ``<{{file}}``; that text is dropped from the reference.
* ``inline-dollars``: mmark pairs the dollars of ``a $$X$$, b $$Y$$ c`` one by one
  (stray ``$``, three formulas, the text between them as a formula); such runs are
  repaired on the reference side to two formulas and text.
* ``text-math``: Hugo authors write ``\\\\(x\\\\)``, which mmark leaves as the text
  ``\\(x\\)`` (and ``\\[x\\]``) that MathJax shows as a formula on their pages; we read it
  as math, so it counts as math on the reference side too.
* ``bibliography``: mmark's "Bibliography" headings and entry lists are left out, as
  our References sections are.
* ``index``: mmark's "Index" section is left out; Sphinx lists index entries on a
  page of its own (``genindex``).
* ``rubric``: a heading that skips a level is a docutils rubric on our side; it still
  counts as a heading.
* ``html-crash``: mmark ``-html`` panics on drafts with inline ``<reference>``
  blocks; such documents are reported as ``reference failed`` and not scored.
* ``regex-range``: mmark computes the end of ``/re/,/re/`` include ranges wrongly;
  in documents that use one, code-block text is left out on both sides.
* ``empty-xref``: mmark leaves ``(#id)`` links without text; the text of internal
  links (and of our unresolved ones) is left out on both sides (their targets still
  count as heading ids).

No feature weight is lowered to reach a score. ``--breakdown`` prints the mean of each
feature per corpus group (the first folder of a document's path), and ``--json`` keeps
it with every result. The baseline keeps the overall score, each group's mean and each
document's score; ``--check`` (and ``tests/test_conformance.py``) fail when the overall
score or a group's mean drops below it.

Usage::

    python tools/conformance.py ../shared/corpus --suite corpus  # table + summary
    python tools/conformance.py ../shared/corpus --breakdown     # + feature x group table
    python tools/conformance.py ../shared/corpus --worst 10      # the worst ten
    python tools/conformance.py ../shared/corpus --json report.json --save-html /tmp/html
    python tools/conformance.py ../shared/corpus --from-html /tmp/html  # compare again only
    python tools/conformance.py tests/conformance --check tools/conformance-baseline.json
    python tools/conformance.py ../shared/corpus --suite corpus \\
        --write-baseline tools/conformance-baseline.json

A directory with a ``MANIFEST.tsv`` (the shared corpus) contributes the rows whose
role is ``doc`` or ``doc-chapter``; any other directory contributes every ``.md``
and ``.mmark`` file in it.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup, Tag
from bs4.element import NavigableString

WEIGHTS: dict[str, float] = {
    "text": 40,
    "headings": 10,
    "heading_ids": 5,
    "footnotes": 10,
    "math": 10,
    "links": 8,
    "tables": 7,
    "captions": 5,
    "citations": 5,
}
"""Weight of each feature in a document's score."""

KNOWN_REFERENCE_FAULTS: dict[str, str] = {
    "front-matter": "mmark does not strip Hugo front matter (YAML ---, TOML +++, JSON {)",
    "shortcode-include": "mmark reads a Hugo shortcode at line start as an include",
    "html-crash": "mmark -html panics on drafts with inline <reference> blocks",
    "regex-range": "mmark computes the end of /re/,/re/ include ranges wrongly",
    "empty-xref": "mmark leaves (#id) links without text",
    "inline-dollars": "mmark pairs the dollars of `a $$X$$, b $$Y$$ c` one by one",
    "text-math": "mmark leaves \\\\(x\\\\) as text \\(x\\), which MathJax shows as math",
    "shortcode-text": "mmark shows a shortcode that is not at line start as raw text",
    "include-text": "mmark shows an include it does not read as raw text <{{file}}",
}
"""The reference's faults (shared/corpus/README.md and above) that the tool neutralises."""

NEUTRAL_DIFFERENCES: dict[str, str] = {
    "empty-title": "a front matter without title: our first heading is the document's own",
    "title-block": "the reference's fragment shows no title block; ours is left out",
    "bibliography": "mmark's Bibliography is left out, as our References are",
    "index": "Sphinx lists index entries on a page of its own (genindex)",
    "rubric": "a heading that skips a level is a docutils rubric on our side",
}
"""Rendering differences that are no one's fault, also neutralised (listed per document)."""

DOC_ROLES = ("doc", "doc-chapter")
REFERENCE_TIMEOUT = 60.0
SPHINX_TIMEOUT = 1800.0
SUFFIXES = (".md", ".mmark")

_REGEX_RANGE = re.compile(r"\{\{[^}\n]*\}\}\[\s*/")
_SHORTCODE_LINE = re.compile(r"^\s*\{\{[<%]", re.MULTILINE)
_WORD = re.compile(r"\w+", re.UNICODE)


# -- documents ------------------------------------------------------------------------


@dataclass
class Document:
    """One document of a corpus, by its path relative to the corpus root."""

    relpath: str
    source: str
    faults: set[str] = field(default_factory=set)

    @property
    def docname(self) -> str:
        return os.path.splitext(self.relpath)[0]


def collect(root: Path) -> list[Document]:
    """The documents of ``root`` (see the module docstring)."""
    manifest = root / "MANIFEST.tsv"
    if manifest.is_file():
        with manifest.open(encoding="utf-8", newline="") as handle:
            rows = csv.DictReader(handle, delimiter="\t")
            listed = {row["local_path"]: row.get("role") for row in rows}
        # documents the manifest does not list (the seed post) count as documents
        relpaths = [path for path in _markdown_files(root) if listed.get(path, "doc") in DOC_ROLES]
    else:
        relpaths = _markdown_files(root)
    docs = []
    for relpath in relpaths:
        path = root / relpath
        if not path.is_file():
            continue
        text = path.read_bytes().decode("utf-8", errors="replace")
        docs.append(Document(relpath, text))
    return docs


def _markdown_files(root: Path) -> list[str]:
    return sorted(
        str(path.relative_to(root)).replace(os.sep, "/")
        for path in root.rglob("*")
        if path.suffix in SUFFIXES
        and path.is_file()
        and path.relative_to(root) != Path("README.md")
    )


def front_matter_span(text: str) -> tuple[int, int] | None:
    """Lines ``[0, end)`` of Hugo front matter at the top of ``text``, if any.

    Blank lines before it belong to the span (Hugo skips them).
    """
    lines = text.split("\n")
    # front-matter-late: Hugo skips blank lines before the front matter (so do we)
    start = 0
    while start < len(lines) - 1 and not lines[start].lstrip("\ufeff").strip():
        start += 1
    if not lines:
        return None
    first = lines[start].lstrip("\ufeff").rstrip()
    end = min(len(lines), start + 2000)
    closing = {"---": "---", "+++": "+++", "{": "}"}.get(first)
    if closing is not None:
        for index in range(start + 1, end):
            if lines[index].rstrip() == closing:
                return (0, index + 1)
    return None


_TITLE_KEY = re.compile(r"""^\s*["']?title["']?\s*[:=]\s*(.*?)\s*,?\s*$""")


def front_matter_title(text: str) -> bool:
    """Whether ``text`` has front matter with a non-empty top-level ``title``.

    Without one, our page title is the document's own first heading, which the
    reference shows too (``empty-title``): it then stays in the comparison.
    """
    span = front_matter_span(text)
    if span is None:
        return False
    for line in text.split("\n")[span[0] : span[1]]:
        match = _TITLE_KEY.match(line)
        if match and match.group(1).strip("\"'") and not line[:1].isspace():
            return True
    return False


def has_title_block(text: str) -> bool:
    """Whether ``text`` has a title our side shows and the reference fragment does not."""
    head = text.split("\n", 400)[:400]
    return any(line.rstrip() == "%%%" for line in head) or any(
        re.match(r"^% *\w+ *=", line) for line in head[:40]
    )


def reference_input(doc: Document) -> str:
    """The text given to the reference: the document with its front matter blanked."""
    span = front_matter_span(doc.source)
    if span is None:
        return doc.source
    doc.faults.add("front-matter")
    lines = doc.source.split("\n")
    for index in range(*span):
        lines[index] = ""
    return "\n".join(lines)


# -- rendering ------------------------------------------------------------------------


def _copy_tree(root: Path, dest: Path) -> None:
    shutil.copytree(root, dest, symlinks=True, ignore=shutil.ignore_patterns("_build", ".git"))


def render_reference(root: Path, docs: Sequence[Document], scratch: Path) -> dict[str, str | None]:
    """``relpath`` -> the reference's HTML fragment, or None when the reference failed."""
    tree = scratch / "reference"
    _copy_tree(root, tree)
    for doc in docs:
        (tree / doc.relpath).write_text(reference_input(doc), encoding="utf-8")

    def run(doc: Document) -> tuple[str, str | None]:
        path = tree / doc.relpath
        try:
            done = subprocess.run(
                ["mmark", "-html", "-fragment", path.name],
                cwd=path.parent,
                capture_output=True,
                timeout=REFERENCE_TIMEOUT,
                check=False,
            )
        except (subprocess.TimeoutExpired, OSError):
            return doc.relpath, None
        stderr = done.stderr.decode("utf-8", errors="replace")
        if done.returncode != 0 or "panic:" in stderr or "PANIC" in stderr:
            doc.faults.add("html-crash")
            return doc.relpath, None
        return doc.relpath, done.stdout.decode("utf-8", errors="replace")

    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        return dict(pool.map(run, docs))


_CONF = """\
extensions = ["sphinx_mmark"]
html_theme = "basic"
root_doc = "{root}"
include_patterns = {patterns!r}
suppress_warnings = ["toc.not_included", "toc.excluded"]
mmark_include_drafts = True
"""


def render_ours(
    root: Path, docs: Sequence[Document], scratch: Path, jobs: int
) -> tuple[dict[str, str | None], str]:
    """``relpath`` -> our article body HTML (None when our build gave no page), and the log."""
    src = scratch / "ours"
    out = scratch / "ours-html"
    _copy_tree(root, src)
    root_doc = "_conformance_root"
    (src / f"{root_doc}.rst").write_text("Conformance\n===========\n", encoding="utf-8")
    patterns = [f"{root_doc}.rst", *(doc.relpath for doc in docs)]
    (src / "conf.py").write_text(_CONF.format(root=root_doc, patterns=patterns), encoding="utf-8")
    log = _sphinx_build(src, out, jobs)
    pages: dict[str, str | None] = {}
    failed = [doc for doc in docs if not (out / f"{doc.docname}.html").is_file()]
    if failed and len(docs) > 1:
        # the whole build failed (or some pages are missing): build those one by one
        with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
            logs = list(pool.map(lambda d: _render_one(root, d, scratch), failed))
        log += "".join(logs)
    for doc in docs:
        for directory in (out, scratch / "single" / _safe(doc.relpath) / "html"):
            page = directory / f"{doc.docname}.html"
            if page.is_file():
                pages[doc.relpath] = _article(page.read_text(encoding="utf-8"))
                break
        else:
            pages[doc.relpath] = None
    return pages, log


def _safe(relpath: str) -> str:
    return re.sub(r"[^\w.-]", "_", relpath)


def _render_one(root: Path, doc: Document, scratch: Path) -> str:
    base = scratch / "single" / _safe(doc.relpath)
    src = base / "src"
    _copy_tree(root, src)
    root_doc = "_conformance_root"
    (src / f"{root_doc}.rst").write_text("Conformance\n===========\n", encoding="utf-8")
    patterns = [f"{root_doc}.rst", doc.relpath]
    (src / "conf.py").write_text(_CONF.format(root=root_doc, patterns=patterns), encoding="utf-8")
    return f"--- {doc.relpath} alone ---\n" + _sphinx_build(src, base / "html", 1)


def _sphinx_build(src: Path, out: Path, jobs: int, builder: str = "html") -> str:
    command = [sys.executable, "-m", "sphinx", "-b", builder, "-q", "-E", "-j", str(jobs)]
    try:
        done = subprocess.run(
            [*command, str(src), str(out)],
            capture_output=True,
            timeout=SPHINX_TIMEOUT,
            check=False,
            env={**os.environ, "PYTHONHASHSEED": "0"},
        )
    except subprocess.TimeoutExpired:
        return f"sphinx-build timed out after {SPHINX_TIMEOUT} s\n"
    return done.stderr.decode("utf-8", errors="replace")


def _article(page: str) -> str:
    soup = BeautifulSoup(page, "html.parser")
    main = soup.find(attrs={"role": "main"}) or soup.find("article") or soup.body or soup
    return str(main)


def store_html(
    directory: Path,
    docs: Sequence[Document],
    reference: dict[str, str | None],
    ours: dict[str, str | None],
    log: str,
) -> None:
    """Keep both renderings of each document (``<relpath>.ref.html``, ``.ours.html``)."""
    for doc in docs:
        for side, pages in (("ref", reference), ("ours", ours)):
            path = directory / f"{doc.relpath}.{side}.html"
            path.parent.mkdir(parents=True, exist_ok=True)
            page = pages.get(doc.relpath)
            if page is None:
                path.unlink(missing_ok=True)
            else:
                path.write_text(page, encoding="utf-8")
        faults = directory / f"{doc.relpath}.faults"
        faults.write_text("\n".join(sorted(doc.faults)), encoding="utf-8")
    (directory / "sphinx.log").write_text(log, encoding="utf-8")


def load_html(
    directory: Path, docs: Sequence[Document]
) -> tuple[dict[str, str | None], dict[str, str | None], str]:
    """The renderings kept by :func:`store_html`."""
    reference: dict[str, str | None] = {}
    ours: dict[str, str | None] = {}
    for doc in docs:
        for side, pages in (("ref", reference), ("ours", ours)):
            path = directory / f"{doc.relpath}.{side}.html"
            pages[doc.relpath] = path.read_text(encoding="utf-8") if path.is_file() else None
        faults = directory / f"{doc.relpath}.faults"
        if faults.is_file():
            doc.faults.update(f for f in faults.read_text(encoding="utf-8").split("\n") if f)
    log_path = directory / "sphinx.log"
    return reference, ours, log_path.read_text(encoding="utf-8") if log_path.is_file() else ""


# -- meaning ------------------------------------------------------------------------


@dataclass
class Meaning:
    """What a rendering of one document says, reduced to comparable features."""

    words: list[str] = field(default_factory=list)
    headings: list[str] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    heading_ids: list[str] = field(default_factory=list)
    footnotes: list[str] = field(default_factory=list)
    footnote_refs: int = 0
    math_inline: int = 0
    math_display: int = 0
    links: Counter[str] = field(default_factory=Counter)
    tables: list[tuple[int, int]] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    citations: int = 0
    neutralised: set[str] = field(default_factory=set)
    """The rules that changed this meaning (names of KNOWN_REFERENCE_FAULTS and
    NEUTRAL_DIFFERENCES)."""

    def summary(self) -> str:
        """Every feature, with the words shortened to their count."""
        fields = {
            k: v for k, v in self.__dict__.items() if k not in ("words", "ids", "neutralised")
        }
        return f"{len(self.words)} words, " + ", ".join(f"{k}={v!r}" for k, v in fields.items())


def normalise(text: str) -> str:
    """Lower case, NFKC, words only, single spaces."""
    text = unicodedata.normalize("NFKC", text).lower()
    return " ".join(_WORD.findall(text))


def _words(text: str) -> list[str]:
    return normalise(text).split()


def _remove(soup: Tag, selector: str) -> list[Tag]:
    found = list(soup.select(selector))
    for tag in found:
        tag.extract()
    return found


def _table_shape(table: Tag) -> tuple[int, int]:
    rows = table.find_all("tr")
    cols = max(
        (
            sum(int(str(cell.get("colspan", "1")) or "1") for cell in row.find_all(["td", "th"]))
            for row in rows
        ),
        default=0,
    )
    return (len(rows), cols)


def _common(soup: Tag, meaning: Meaning, *, drop_code: bool) -> None:
    """Features read the same way on both sides, once side-specific markup is gone."""
    if drop_code:
        _remove(soup, "pre")
    for link in soup.select("a[href]"):
        href = str(link["href"])
        if "://" in href or href.startswith("mailto:"):
            meaning.links[href.rstrip("/")] += 1
        elif "#" in href:
            link.clear()  # the reference leaves (#id) links empty (empty-xref)
    for table in soup.find_all("table"):
        meaning.tables.append(_table_shape(table))
    for tag in soup.find_all(id=True):
        meaning.ids.add(str(tag["id"]))
    for heading in soup.find_all(re.compile(r"^h[1-6]$")):
        meaning.headings.append(normalise(heading.get_text(" ")))
    meaning.words = _words(soup.get_text(" "))


def _is_inline_math(node: object) -> bool:
    return (
        isinstance(node, Tag)
        and node.name == "span"
        and {"math", "inline"} <= set(node.get("class") or [])
    )


def repair_inline_dollars(soup: Tag) -> int:
    """Undo the reference's ``inline-dollars`` fault; return how many runs were repaired.

    mmark pairs the dollars of ``a $$X$$, b $$Y$$ c`` one by one: a stray ``$``, then
    the spans ``X``, ``, b ``, ``Y`` and another stray ``$``. A run of an odd number of
    adjacent inline-math spans between a ``$`` and a ``$`` is that fault: every second
    span is text between two formulas, and the two dollars are dropped.
    """
    repaired = 0
    for span in list(soup.find_all("span")):
        if not _is_inline_math(span) or span.parent is None:
            continue
        before = span.previous_sibling
        if not isinstance(before, NavigableString) or not str(before).endswith("$"):
            continue
        run = [span]
        after = span.next_sibling
        while _is_inline_math(after):
            assert isinstance(after, Tag)
            run.append(after)
            after = after.next_sibling
        if len(run) % 2 == 0:
            continue
        if not isinstance(after, NavigableString) or not str(after).startswith("$"):
            continue
        before.replace_with(str(before)[:-1])
        after.replace_with(str(after)[1:])
        for between in run[1::2]:
            text = between.get_text()
            text = text.removeprefix("\\(").removesuffix("\\)")
            between.replace_with(text)
        repaired += 1
    return repaired


_RAW_SHORTCODE = re.compile(r"\{\{(?:&lt;|<|%).*?(?:&gt;|>|%)\}\}")
_RAW_INCLUDE = re.compile(r"(?:&lt;|<)\{\{[^{}\n]*\}\}(?:\[[^\]\n]*\])?")
_CODE_REGION = re.compile(
    r"(<pre\b.*?</pre>|<code\b.*?</code>|<span class=\"math[^\"]*\">.*?</span>)", re.DOTALL
)
_TEXT_MATH = re.compile(r"\\\((.{1,2000}?)\\\)|\\\[(.{1,4000}?)\\\]", re.DOTALL)
_FIGURE_CALL = re.compile(r"\{\{[<%]\s*figure\b([^\n]*?)[>%]\}\}")
_CALL_ARG = re.compile(r"""\b(src|caption)\s*=\s*(?:"([^"]*)"|'([^']*)')""")


def drop_raw_includes(fragment: str) -> str:
    """The reference's fragment without includes shown as text (``include-text``).

    mmark shows an include it does not read (inside a paragraph or list item, or not
    found from where it runs) as raw ``<{{file}}``; we read it or warn. Code is kept.
    """
    parts = _CODE_REGION.split(fragment)
    return "".join(
        part if index % 2 else _RAW_INCLUDE.sub(" ", part) for index, part in enumerate(parts)
    )


def drop_raw_shortcodes(fragment: str) -> str:
    """The reference's fragment without shortcodes shown as text (``shortcode-text``).

    mmark shows a shortcode that is not at the start of a line (in running text, in a
    list item or quote) as raw ``{{< … >}}``, links made inside it included; code is kept.
    """
    parts = _CODE_REGION.split(fragment)
    return "".join(
        part if index % 2 else _RAW_SHORTCODE.sub(" ", part) for index, part in enumerate(parts)
    )


def _as_math(match: re.Match[str]) -> str:
    if match.group(1) is not None:
        return f'<span class="math inline">{match.group(1)}</span>'
    return f'<span class="math display">{match.group(2)}</span>'


def mark_text_math(fragment: str) -> str:
    """The reference's fragment with ``\\(…\\)`` and ``\\[…\\]`` text made math (``text-math``).

    mmark leaves the ``\\\\(x\\\\)`` that Hugo authors write as the text ``\\(x\\)``, which
    MathJax shows as a formula on their pages; we read it as math, so it counts as math here.
    """
    parts = _CODE_REGION.split(fragment)
    return "".join(
        part if index % 2 else _TEXT_MATH.sub(_as_math, part) for index, part in enumerate(parts)
    )


def shortcode_figures(source: str) -> tuple[set[str], set[str]]:
    """Image file names and normalised captions of the ``figure`` shortcodes of ``source``."""
    names: set[str] = set()
    captions: set[str] = set()
    for call in _FIGURE_CALL.finditer(source):
        for key, double, single in _CALL_ARG.findall(call.group(1)):
            value = double or single
            if key == "src" and value:
                names.add(value.rstrip("/").rsplit("/", 1)[-1])
            elif key == "caption" and normalise(value):
                captions.add(normalise(value))
    return names, captions


def reference_meaning(fragment: str, *, drop_code: bool) -> Meaning:
    """The meaning of the reference's HTML fragment."""
    meaning = Meaning()
    # shortcode-text: a shortcode mmark showed as raw text is not the document's text
    text = drop_raw_shortcodes(fragment)
    if text != fragment:
        meaning.neutralised.add("shortcode-text")
    # include-text: an include mmark did not read, shown raw, is not the document's text
    fragment, text = text, drop_raw_includes(text)
    if text != fragment:
        meaning.neutralised.add("include-text")
    # text-math: \\(x\\) left as text is a formula on the author's page (MathJax)
    marked = mark_text_math(text)
    if marked != text:
        meaning.neutralised.add("text-math")
    soup = BeautifulSoup(marked, "html.parser")
    # inline-dollars: `a $$X$$, b $$Y$$ c` paired one by one is two formulas, not three
    if repair_inline_dollars(soup):
        meaning.neutralised.add("inline-dollars")
    # bibliography: mmark's "Bibliography" headings and lists; our References are left out too
    for heading in soup.select("h1#bibliography-section, h2#bibliography-section"):
        meaning.neutralised.add("bibliography")
        heading.extract()
    # index: Sphinx lists index entries on a page of their own (genindex), not in the document
    for index in soup.select("h1#index-section, div.index"):
        meaning.neutralised.add("index")
        index.extract()
    for bibliography in soup.select("div.bibliography"):  # mmark never closes these divs
        for entries in bibliography.find_all("dl", recursive=False):
            if entries.find("dt", class_="bibliography-cite", recursive=False) is not None:
                entries.extract()
        bibliography.unwrap()
    _remove(soup, "#footnote-section")  # its "Footnotes" heading
    for note in _remove(soup, "div.footnotes li"):
        _remove(note, "a.footnote-return")
        meaning.footnotes.append(normalise(note.get_text(" ")))
    _remove(soup, "div.footnotes")
    meaning.footnote_refs = len(_remove(soup, "sup.footnote-ref"))
    meaning.math_inline = len(_remove(soup, "span.math.inline"))
    meaning.math_display = len(_remove(soup, "span.math.display, div.math.display"))
    meaning.citations = len(soup.select("cite a")) or len(soup.select("cite"))
    _remove(soup, "cite")
    meaning.captions = [normalise(c.get_text(" ")) for c in _remove(soup, "figcaption, caption")]
    for heading in soup.find_all(re.compile(r"^h[1-6]$")):
        if heading.get("id"):
            meaning.heading_ids.append(str(heading["id"]))
    _common(soup, meaning, drop_code=drop_code)
    return meaning


def _drop_shortcode_figures(soup: Tag, source: str) -> bool:
    """Remove our figures made from ``figure`` shortcodes, wherever they are."""
    names, captions = shortcode_figures(source)
    if not names and not captions:
        return False
    dropped = False
    for figure in soup.find_all("figure"):
        image = figure.find("img")
        src = str(image.get("src", "")) if isinstance(image, Tag) else ""
        caption = figure.find("figcaption")
        text = normalise(caption.get_text(" ")) if isinstance(caption, Tag) else ""
        if (src and src.rsplit("/", 1)[-1] in names) or (text and text in captions):
            figure.extract()
            dropped = True
    return dropped


def our_meaning(body: str, *, drop_title: bool, drop_code: bool, source: str = "") -> Meaning:
    """The meaning of our article body (``source``: the document, to find its shortcodes)."""
    soup = BeautifulSoup(body, "html.parser")
    meaning = Meaning()
    _remove(soup, "a.headerlink")
    for xref in soup.select("span.xref.mmark"):  # empty-xref: an unresolved (#id) link
        xref.clear()
    # shortcode-include: mmark drops a shortcode at line start and shows others raw (dropped
    # from its side); so our figures made from shortcodes, inside containers too, are left out
    if _drop_shortcode_figures(soup, source):
        meaning.neutralised.add("shortcode-include")
    # title-block: the reference's fragment shows no title block (fields, author mailto: links)
    if _remove(soup, "div.mmark-title-block"):
        meaning.neutralised.add("title-block")
    if drop_title:
        first = soup.find(re.compile(r"^h[1-6]$"))
        if first is not None and first.name == "h1":
            first.extract()
    for note in _remove(soup, "aside.footnote, div.footnote, table.footnote"):
        _remove(note, "span.label, span.backrefs, a.fn-backref, .fn-bracket")
        meaning.footnotes.append(normalise(note.get_text(" ")))
    _remove(soup, "aside.footnote-list, div.footnote-list")
    meaning.footnote_refs = len(_remove(soup, "a.footnote-reference"))
    meaning.math_display = len(_remove(soup, "div.math"))
    meaning.math_inline = len(_remove(soup, "span.math"))
    meaning.citations = len(soup.select("a.mmark-cite")) or len(soup.select(".mmark-citation"))
    _remove(soup, ".mmark-citation")
    _remove(soup, "section.mmark-references, .mmark-bibliography")
    captions = _remove(soup, "figcaption, caption, div.code-block-caption")
    for caption in captions:
        _remove(caption, "span.caption-number")
    meaning.captions = [normalise(c.get_text(" ")) for c in captions]
    for heading in soup.find_all(re.compile(r"^h[1-6]$")):
        parent = heading.parent
        if isinstance(parent, Tag) and parent.name == "section" and parent.get("id"):
            meaning.heading_ids.append(str(parent["id"]))
    # rubric: a heading that skips a level is a docutils rubric; it is still a heading
    for rubric in soup.select("p.rubric"):
        meaning.neutralised.add("rubric")
        rubric.name = "h6"
    _common(soup, meaning, drop_code=drop_code)
    return meaning


# -- comparison ------------------------------------------------------------------------


def _ratio(a: Sequence[Any], b: Sequence[Any]) -> float | None:
    if not a and not b:
        return None
    return SequenceMatcher(None, list(a), list(b), autojunk=len(a) + len(b) > 4000).ratio()


def _count(a: int, b: int) -> float | None:
    if a == 0 and b == 0:
        return None
    return min(a, b) / max(a, b)


def compare(ref: Meaning, ours: Meaning) -> dict[str, float | None]:
    """Feature -> similarity in [0, 1] (None when the feature is absent on both sides)."""
    scores: dict[str, float | None] = {}
    scores["text"] = _ratio(ref.words, ours.words)
    scores["headings"] = _ratio(ref.headings, ours.headings)
    wanted = [i for i in ref.heading_ids if i != "footnote-section"]
    scores["heading_ids"] = (
        sum(1 for i in wanted if i in ours.ids) / len(wanted) if wanted else None
    )
    count = _count(len(ref.footnotes), len(ours.footnotes))
    order = _ratio(ref.footnotes, ours.footnotes)
    refs = _count(ref.footnote_refs, ours.footnote_refs)
    parts = [p for p in (count, order, refs) if p is not None]
    scores["footnotes"] = statistics.fmean(parts) if parts else None
    parts = [
        p
        for p in (
            _count(ref.math_inline, ours.math_inline),
            _count(ref.math_display, ours.math_display),
        )
        if p is not None
    ]
    scores["math"] = statistics.fmean(parts) if parts else None
    union = ref.links | ours.links
    scores["links"] = (
        sum((ref.links & ours.links).values()) / sum(union.values()) if union else None
    )
    scores["tables"] = _ratio(ref.tables, ours.tables)
    scores["captions"] = _ratio(ref.captions, ours.captions)
    scores["citations"] = _count(ref.citations, ours.citations)
    return scores


def score(features: dict[str, float | None], weights: dict[str, float] | None = None) -> float:
    """Weighted mean of the present features, 0-100 (``weights``: :data:`WEIGHTS` unless
    given, as ``conformance_xml`` does with its own)."""
    weights = WEIGHTS if weights is None else weights
    present = {name: value for name, value in features.items() if value is not None}
    if not present:
        return 100.0
    total = sum(weights[name] for name in present)
    return 100.0 * sum(weights[name] * value for name, value in present.items()) / total


# -- the run ------------------------------------------------------------------------


@dataclass
class Result:
    """The comparison of one document."""

    relpath: str
    score: float | None
    features: dict[str, float | None]
    status: str
    faults: list[str]


@dataclass
class Report:
    """All results of one run."""

    results: list[Result]
    log: str = ""

    @property
    def scored(self) -> list[Result]:
        return [r for r in self.results if r.score is not None]

    @property
    def overall(self) -> float:
        scored = self.scored
        return statistics.fmean(r.score for r in scored if r.score is not None) if scored else 0.0

    def groups(self) -> dict[str, list[Result]]:
        """Group (the first folder of a document's path; ``.`` at the top) -> its results."""
        groups: dict[str, list[Result]] = {}
        for r in self.results:
            groups.setdefault(group_of(r.relpath), []).append(r)
        return dict(sorted(groups.items()))

    def breakdown(self) -> dict[str, dict[str, Any]]:
        """Group (and ``overall``) -> documents, scored, mean score and mean of each feature.

        A feature's mean is over the scored documents where it is present (0-100), None
        where no document of the group has it.
        """
        table: dict[str, dict[str, Any]] = {}
        for name, members in [*self.groups().items(), ("overall", self.results)]:
            scored = [m for m in members if m.score is not None]
            features: dict[str, float | None] = {}
            for feature in WEIGHTS:
                values = [v for m in scored if (v := m.features.get(feature)) is not None]
                features[feature] = round(100 * statistics.fmean(values), 2) if values else None
            table[name] = {
                "documents": len(members),
                "scored": len(scored),
                "mean": (
                    round(statistics.fmean(m.score for m in scored if m.score is not None), 2)
                    if scored
                    else None
                ),
                "min": min((m.score for m in scored if m.score is not None), default=None),
                "features": features,
            }
        return table

    def as_baseline(self) -> dict[str, Any]:
        return {
            "overall": round(self.overall, 2),
            "groups": {
                name: row["mean"]
                for name, row in self.breakdown().items()
                if name != "overall" and row["mean"] is not None
            },
            "documents": {
                r.relpath: (None if r.score is None else round(r.score, 2)) for r in self.results
            },
        }

    def as_json(self) -> dict[str, Any]:
        """The report kept by ``--json``: the per-group breakdown and every result."""
        return {
            "overall": round(self.overall, 2),
            "weights": WEIGHTS,
            "groups": self.breakdown(),
            "results": [r.__dict__ for r in self.results],
        }


def group_of(relpath: str) -> str:
    """The corpus group of a document: its first folder (``.`` for a top-level file)."""
    return relpath.split("/", 1)[0] if "/" in relpath else "."


def check_baseline(report: Report, stored: dict[str, Any], tolerance: float = 0.05) -> list[str]:
    """Where ``report`` falls below the ``stored`` baseline of its suite (overall, each group)."""
    failures = []
    if report.overall + tolerance < float(stored["overall"]):
        failures.append(f"overall {report.overall:.2f} < baseline {stored['overall']:.2f}")
    means = report.breakdown()
    for name, floor in stored.get("groups", {}).items():
        mean = means.get(name, {}).get("mean")
        if mean is not None and mean + tolerance < float(floor):
            failures.append(f"group {name} {mean:.2f} < baseline {float(floor):.2f}")
    return failures


def run(
    root: Path,
    *,
    jobs: int = 2,
    progress: Callable[[str], None] | None = None,
    only: Sequence[str] | None = None,
    save_html: Path | None = None,
    from_html: Path | None = None,
) -> Report:
    """Render every document of ``root`` both ways and compare them.

    With ``only``, just those documents (relative paths), and their meanings are printed.
    With ``save_html``, both renderings are stored there; with ``from_html``, the renderings
    stored by an earlier run are compared again instead of rendering (to tune the comparison).
    """
    docs = collect(root)
    if only:
        docs = [doc for doc in docs if doc.relpath in only]
    say = progress or (lambda message: None)
    if from_html is not None:
        reference, ours, log = load_html(from_html, docs)
    else:
        if shutil.which("mmark") is None:
            raise FileNotFoundError(
                "the reference binary `mmark` is not on PATH (apt-get install mmark)"
            )
        with tempfile.TemporaryDirectory(prefix="mmark-conformance-") as tmp:
            scratch = Path(tmp)
            say(f"reference: {len(docs)} documents")
            reference = render_reference(root, docs, scratch)
            say("sphinx-mmark: building")
            ours, log = render_ours(root, docs, scratch, jobs)
        if save_html is not None:
            store_html(save_html, docs, reference, ours, log)
    results = []
    for doc in docs:
        drop_code = bool(_REGEX_RANGE.search(doc.source))
        if drop_code:
            doc.faults.add("regex-range")
        if _SHORTCODE_LINE.search(doc.source):
            doc.faults.add("shortcode-include")
        ref_html, our_html = reference[doc.relpath], ours[doc.relpath]
        if ref_html is None:
            results.append(Result(doc.relpath, None, {}, "reference failed", sorted(doc.faults)))
            continue
        if our_html is None:
            results.append(Result(doc.relpath, 0.0, {}, "our build failed", sorted(doc.faults)))
            continue
        drop_title = front_matter_title(doc.source) or has_title_block(doc.source)
        if not drop_title and front_matter_span(doc.source) is not None:
            doc.faults.add("empty-title")
        ref_meaning = reference_meaning(ref_html, drop_code=drop_code)
        ours_meaning = our_meaning(
            our_html, drop_title=drop_title, drop_code=drop_code, source=doc.source
        )
        if only:
            say(
                f"== {doc.relpath}\n-- reference:\n{ref_meaning.summary()}"
                f"\n-- ours:\n{ours_meaning.summary()}"
            )
        doc.faults |= ref_meaning.neutralised | ours_meaning.neutralised
        features = compare(ref_meaning, ours_meaning)
        results.append(Result(doc.relpath, score(features), features, "ok", sorted(doc.faults)))
    return Report(results, log)


# -- output ------------------------------------------------------------------------


def _cell(value: float | None) -> str:
    return "  -  " if value is None else f"{100 * value:5.1f}"


def format_table(results: Iterable[Result]) -> str:
    names = list(WEIGHTS)
    header = f"{'score':>6}  " + " ".join(f"{n[:5]:>5}" for n in names) + "  document"
    lines = [header, "-" * len(header)]
    for r in results:
        if r.score is None:
            lines.append(
                f"{'n/a':>6}  " + " ".join("     " for _ in names) + f"  {r.relpath} ({r.status})"
            )
            continue
        cells = " ".join(_cell(r.features.get(n)) for n in names)
        note = "" if r.status == "ok" else f" ({r.status})"
        lines.append(f"{r.score:6.1f}  {cells}  {r.relpath}{note}")
    return "\n".join(lines)


def format_summary(report: Report) -> str:
    breakdown = report.breakdown()
    lines = [f"{'group':<24} {'docs':>5} {'scored':>6} {'mean':>6} {'min':>6}", "-" * 51]
    for name, row in breakdown.items():
        if name == "overall":
            continue
        mean = f"{row['mean']:6.1f}" if row["mean"] is not None else f"{'-':>6}"
        low = f"{row['min']:6.1f}" if row["min"] is not None else f"{'-':>6}"
        lines.append(f"{name:<24} {row['documents']:>5} {row['scored']:>6} {mean} {low}")
    lines.append("-" * 51)
    lines.append(
        f"{'overall':<24} {len(report.results):>5} {len(report.scored):>6} {report.overall:6.1f}"
    )
    features = breakdown["overall"]["features"]
    lines.append(
        "features: " + ", ".join(f"{n} {v:.1f}" for n, v in features.items() if v is not None)
    )
    return "\n".join(lines)


def format_breakdown(report: Report) -> str:
    """Feature -> mean score in each group (``-``: no document of the group has it)."""
    breakdown = report.breakdown()
    names = list(breakdown)
    width = max(12, *(len(n) for n in names))
    header = f"{'feature':<12} {'weight':>6}  " + " ".join(f"{n:>{width}}" for n in names)
    lines = [header, "-" * len(header)]
    for feature, weight in WEIGHTS.items():
        cells = []
        for name in names:
            value = breakdown[name]["features"][feature]
            cells.append(f"{'-' if value is None else f'{value:.1f}':>{width}}")
        lines.append(f"{feature:<12} {weight:>6g}  " + " ".join(cells))
    lines.append("-" * len(header))
    cells = [
        f"{'-' if (m := breakdown[n]['mean']) is None else f'{m:.1f}':>{width}}" for n in names
    ]
    lines.append(f"{'score':<12} {'':>6}  " + " ".join(cells))
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("root", type=Path, help="corpus directory")
    parser.add_argument("--jobs", "-j", type=int, default=2, help="sphinx-build -j")
    parser.add_argument("--worst", type=int, default=0, help="only list the N worst documents")
    parser.add_argument("--json", type=Path, help="write every result as JSON here")
    parser.add_argument("--check", type=Path, help="fail when below this baseline")
    parser.add_argument("--suite", default=None, help="baseline entry (default: root's name)")
    parser.add_argument("--write-baseline", type=Path, help="store this run as the baseline")
    parser.add_argument(
        "--breakdown", action="store_true", help="print each feature's mean score per group"
    )
    parser.add_argument("--log", action="store_true", help="print sphinx-build's warnings")
    parser.add_argument("--explain", action="append", default=[], help="show both meanings of DOC")
    parser.add_argument("--save-html", type=Path, help="keep both renderings in this directory")
    parser.add_argument(
        "--from-html", type=Path, help="compare the renderings kept by --save-html (no rendering)"
    )
    args = parser.parse_args(argv)
    suite = args.suite or args.root.resolve().name
    report = run(
        args.root,
        jobs=args.jobs,
        progress=lambda m: print(m, file=sys.stderr),
        only=args.explain or None,
        save_html=args.save_html,
        from_html=args.from_html,
    )
    results = sorted(report.results, key=lambda r: (r.score is None, r.score or 0.0))
    shown = results[: args.worst] if args.worst else results
    print(format_table(shown))
    print()
    print(format_summary(report))
    if args.breakdown:
        print()
        print(format_breakdown(report))
    if args.log:
        print(report.log)
    if args.json:
        args.json.write_text(json.dumps(report.as_json(), indent=1) + "\n", encoding="utf-8")
    if args.write_baseline:
        path = args.write_baseline
        stored = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
        stored[suite] = report.as_baseline()
        path.write_text(json.dumps(stored, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    if args.check:
        stored = json.loads(args.check.read_text(encoding="utf-8"))[suite]
        failures = check_baseline(report, stored)
        for failure in failures:
            print(f"FAIL: {failure}", file=sys.stderr)
        if failures:
            return 1
        print(
            f"ok: overall {report.overall:.2f} >= baseline {stored['overall']:.2f}", file=sys.stderr
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
