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

The reference has documented faults (``shared/corpus/README.md``). The tool
neutralises them so that sphinx-mmark is not penalised for doing better:

* ``front-matter``: mmark does not strip Hugo front matter; the reference is given
  the document with the front matter blanked out (line numbers kept), and our
  page title (made from ``title:``) is left out of the comparison.
* ``shortcode-include``: mmark reads a Hugo shortcode at line start as an include
  (and drops it); figures made from shortcodes are left out of our side.
* ``html-crash``: mmark ``-html`` panics on drafts with inline ``<reference>``
  blocks; such documents are reported as ``reference failed`` and not scored.
* ``regex-range``: mmark computes the end of ``/re/,/re/`` include ranges wrongly;
  in documents that use one, code-block text is left out on both sides.
* ``empty-xref``: mmark leaves ``(#id)`` links without text; the text of internal
  links is left out on both sides (their targets still count as heading ids).

Usage::

    python tools/conformance.py ../shared/corpus             # table + summary
    python tools/conformance.py ../shared/corpus --worst 10  # the worst ten
    python tools/conformance.py tests/conformance --check tools/conformance-baseline.json
    python tools/conformance.py ../shared/corpus --write-baseline tools/conformance-baseline.json

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
}
"""The reference's documented faults (shared/corpus/README.md) that the tool neutralises."""

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
    """Lines ``[start, end)`` of Hugo front matter at the top of ``text``, if any."""
    lines = text.split("\n")
    if not lines:
        return None
    first = lines[0].lstrip("\ufeff").rstrip()
    fence = {"---": "---", "+++": "+++"}.get(first)
    if fence is not None:
        for index in range(1, min(len(lines), 2000)):
            if lines[index].rstrip() == fence:
                return (0, index + 1)
        return None
    if first == "{":
        for index in range(1, min(len(lines), 2000)):
            if lines[index].rstrip() == "}":
                return (0, index + 1)
    return None


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


def _sphinx_build(src: Path, out: Path, jobs: int) -> str:
    command = [sys.executable, "-m", "sphinx", "-b", "html", "-q", "-E", "-j", str(jobs)]
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

    def summary(self) -> str:
        """Every feature, with the words shortened to their count."""
        fields = {k: v for k, v in self.__dict__.items() if k not in ("words", "ids")}
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


def reference_meaning(fragment: str, *, drop_code: bool) -> Meaning:
    """The meaning of the reference's HTML fragment."""
    soup = BeautifulSoup(fragment, "html.parser")
    meaning = Meaning()
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


def our_meaning(body: str, *, drop_title: bool, drop_code: bool) -> Meaning:
    """The meaning of our article body."""
    soup = BeautifulSoup(body, "html.parser")
    meaning = Meaning()
    _remove(soup, "a.headerlink")
    _remove(soup, "figure.hugo-shortcode, figure[class*=hugo-shortcode]")  # shortcode-include
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


def score(features: dict[str, float | None]) -> float:
    """Weighted mean of the present features, 0-100."""
    present = {name: value for name, value in features.items() if value is not None}
    if not present:
        return 100.0
    total = sum(WEIGHTS[name] for name in present)
    return 100.0 * sum(WEIGHTS[name] * value for name, value in present.items()) / total


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

    def as_baseline(self) -> dict[str, Any]:
        return {
            "overall": round(self.overall, 2),
            "documents": {
                r.relpath: (None if r.score is None else round(r.score, 2)) for r in self.results
            },
        }


def run(
    root: Path,
    *,
    jobs: int = 2,
    progress: Callable[[str], None] | None = None,
    only: Sequence[str] | None = None,
) -> Report:
    """Render every document of ``root`` both ways and compare them.

    With ``only``, just those documents (relative paths), and their meanings are printed.
    """
    if shutil.which("mmark") is None:
        raise FileNotFoundError(
            "the reference binary `mmark` is not on PATH (apt-get install mmark)"
        )
    docs = collect(root)
    if only:
        docs = [doc for doc in docs if doc.relpath in only]
    say = progress or (lambda message: None)
    with tempfile.TemporaryDirectory(prefix="mmark-conformance-") as tmp:
        scratch = Path(tmp)
        say(f"reference: {len(docs)} documents")
        reference = render_reference(root, docs, scratch)
        say("sphinx-mmark: building")
        ours, log = render_ours(root, docs, scratch, jobs)
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
        drop_title = front_matter_span(doc.source) is not None or has_title_block(doc.source)
        ref_meaning = reference_meaning(ref_html, drop_code=drop_code)
        ours_meaning = our_meaning(our_html, drop_title=drop_title, drop_code=drop_code)
        if only:
            say(
                f"== {doc.relpath}\n-- reference:\n{ref_meaning.summary()}"
                f"\n-- ours:\n{ours_meaning.summary()}"
            )
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
    groups: dict[str, list[Result]] = {}
    for r in report.results:
        groups.setdefault(r.relpath.split("/", 1)[0] if "/" in r.relpath else ".", []).append(r)
    lines = [f"{'group':<24} {'docs':>5} {'scored':>6} {'mean':>6} {'min':>6}", "-" * 51]
    for name, members in sorted(groups.items()):
        scores = [m.score for m in members if m.score is not None]
        mean = f"{statistics.fmean(scores):6.1f}" if scores else f"{'-':>6}"
        low = f"{min(scores):6.1f}" if scores else f"{'-':>6}"
        lines.append(f"{name:<24} {len(members):>5} {len(scores):>6} {mean} {low}")
    lines.append("-" * 51)
    lines.append(
        f"{'overall':<24} {len(report.results):>5} {len(report.scored):>6} {report.overall:6.1f}"
    )
    means: dict[str, list[float]] = {}
    for r in report.scored:
        for name, value in r.features.items():
            if value is not None:
                means.setdefault(name, []).append(value)
    lines.append(
        "features: "
        + ", ".join(f"{n} {100 * statistics.fmean(v):.1f}" for n, v in means.items() if v)
    )
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
    parser.add_argument("--log", action="store_true", help="print sphinx-build's warnings")
    parser.add_argument("--explain", action="append", default=[], help="show both meanings of DOC")
    args = parser.parse_args(argv)
    suite = args.suite or args.root.resolve().name
    report = run(
        args.root,
        jobs=args.jobs,
        progress=lambda m: print(m, file=sys.stderr),
        only=args.explain or None,
    )
    results = sorted(report.results, key=lambda r: (r.score is None, r.score or 0.0))
    shown = results[: args.worst] if args.worst else results
    print(format_table(shown))
    print()
    print(format_summary(report))
    if args.log:
        print(report.log)
    if args.json:
        data = [r.__dict__ for r in report.results]
        args.json.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    if args.write_baseline:
        path = args.write_baseline
        stored = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
        stored[suite] = report.as_baseline()
        path.write_text(json.dumps(stored, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    if args.check:
        baseline = json.loads(args.check.read_text(encoding="utf-8"))[suite]["overall"]
        if report.overall + 0.05 < baseline:
            print(f"FAIL: overall {report.overall:.2f} < baseline {baseline:.2f}", file=sys.stderr)
            return 1
        print(f"ok: overall {report.overall:.2f} >= baseline {baseline:.2f}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
