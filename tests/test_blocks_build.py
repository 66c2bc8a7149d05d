"""Block attributes, captions, figure groups and tables in full HTML, LaTeX, text and man builds.

One small book (an index with a toctree, a chapter using every block construct,
a second chapter referring to the first) is built once per builder; the
assertions read the output.
"""

from __future__ import annotations

import re
import struct
import zlib
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from docutils import nodes

from .helpers import Build, build, write_project

CHAPTER = """\
# Blocks {#blocks}

{#people .wide}
Name    | Age
--------|-----:
Bob     ||
Alice   | 23
========|======
Total   | 50
Table: People and ages. {#ages}

---------|----------
`close`  | `new`

{.fancy #saying}
> Ability is nothing without opportunity.

Quote: Napoleon Bonaparte

~~~ go
println("hello")
~~~
Figure: Hello in Go. {#hello}

!---
![Array](array.png "An array")
![Slice](slice.png)
!---
Figure: Arrays and slices. {#arrays}

{start="3" .steps}
1. three
2. four

See (#ages), (#hello), (#arrays), [the people](#people) and (#blocks).
"""

OTHER = """\
# Elsewhere

Back to [](blocks.md#arrays) and [](blocks.md#ages).
"""

INDEX = """\
Book
====

.. toctree::

   blocks
   other
"""


def _png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\x00"))
        + chunk(b"IEND", b"")
    )


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    srcdir = tmp_path_factory.mktemp("blocks")
    write_project(
        srcdir,
        {
            "index.rst": INDEX,
            "blocks.md": CHAPTER,
            "other.md": OTHER,
            "array.png": _png(),
            "slice.png": _png(),
        },
    )
    return srcdir


def _build(project: Path, builder: str, parallel: int = 0) -> Build:
    result = build(project, builder, parallel=parallel)
    assert result.warning_lines() == []
    return result


@pytest.fixture(scope="module")
def html(project: Path) -> Build:
    return _build(project, "html", parallel=2)


@pytest.fixture(scope="module")
def latex(project: Path) -> str:
    result = _build(project, "latex")
    return next(result.outdir.glob("*.tex")).read_text(encoding="utf-8")


def test_table_has_ids_classes_caption_footer_and_colspan(html: Build) -> None:
    soup = BeautifulSoup(html.html("blocks"), "html.parser")
    table = soup.find("table", id="ages")
    assert table is not None
    assert "wide" in table["class"]
    # a second id: docutils writes it as an empty anchor right before the table
    assert table.find_previous(id="people") is not None
    assert table.caption.find(class_="caption-number").get_text(strip=True) == "Table 1"
    assert table.caption.find(class_="caption-text").get_text() == "People and ages."
    assert [td.get_text(strip=True) for td in table.tfoot.find_all("td")] == ["Total", "50"]
    assert table.tbody.find("td", colspan="2").get_text(strip=True) == "Bob"
    assert "text-right" in table.thead.find_all("th")[1]["class"]


def test_headerless_table_has_no_thead(html: Build) -> None:
    soup = BeautifulSoup(html.html("blocks"), "html.parser")
    tables = soup.find_all("table")
    assert len(tables) == 2
    assert tables[1].thead is None
    assert [c.get_text() for c in tables[1].find_all("code")] == ["close", "new"]


def test_quote_attribution_and_attributes(html: Build) -> None:
    soup = BeautifulSoup(html.html("blocks"), "html.parser")
    quote = soup.find("blockquote", id="saying")
    assert quote is not None
    assert "fancy" in quote["class"]
    assert quote.find(class_="attribution").get_text(strip=True) == "—Napoleon Bonaparte"


def test_captioned_code_and_figure_group_are_numbered(html: Build) -> None:
    soup = BeautifulSoup(html.html("blocks"), "html.parser")
    listing = soup.find(id="hello")
    assert "literal-block-wrapper" in listing["class"]
    assert listing.find(class_="caption-number").get_text(strip=True) == "Listing 1"
    figure = soup.find("figure", id="arrays")
    assert [img["alt"] for img in figure.find_all("img")] == ["Array", "Slice"]
    assert figure.find(class_="caption-number").get_text(strip=True) == "Figure 1"
    assert figure.find(class_="caption-text").get_text() == "Arrays and slices."


def test_list_attributes(html: Build) -> None:
    soup = BeautifulSoup(html.html("blocks"), "html.parser")
    ordered = soup.find("ol", class_="steps")
    assert ordered is not None
    assert ordered["start"] == "3"


def test_references_show_numbers_and_titles(html: Build) -> None:
    soup = BeautifulSoup(html.html("blocks"), "html.parser")
    links = {a["href"]: a.get_text() for a in soup.find_all("a", class_="mmark-xref")}
    assert links == {
        "#ages": "Table 1",
        "#hello": "Listing 1",
        "#arrays": "Figure 1",
        "#people": "the people",
        "#blocks": "Blocks",
    }
    other = BeautifulSoup(html.html("other"), "html.parser")
    links = {a["href"]: a.get_text() for a in other.find_all("a", class_="mmark-xref")}
    assert links == {"blocks.html#arrays": "Figure 1", "blocks.html#ages": "Table 1"}


def test_latex(latex: str) -> None:
    assert r"\sphinxcaption{People and ages.}\label{\detokenize{blocks:ages}}" in latex
    assert r"\sphinxstartmulticolumn{2}" in latex
    # the footer row comes after a mid rule, inside the same table
    assert re.search(r"\\sphinxmidrule\\begin\{varwidth\}.*?\n\\sphinxAtStartPar\nTotal", latex)
    assert "---Napoleon Bonaparte" in latex
    assert r"\sphinxSetupCaptionForVerbatim{Hello in Go.}" in latex
    figure = latex[latex.index(r"\begin{figure}") : latex.index(r"\end{figure}")]
    assert figure.count(r"\sphinxincludegraphics") == 2
    assert r"\caption{Arrays and slices.}\label{\detokenize{blocks:arrays}}" in figure
    assert r"\setcounter{enumi}{2}" in latex
    assert r"\hyperref[\detokenize{blocks:ages}]{Table \ref{\detokenize{blocks:ages}}}" in latex
    assert r"{Figure \ref{\detokenize{blocks:arrays}}}" in latex


@pytest.mark.parametrize(("builder", "suffix"), [("text", "txt"), ("man", "1")])
def test_text_and_man_builds(project: Path, builder: str, suffix: str) -> None:
    result = _build(project, builder)
    output = "\n".join(
        path.read_text(encoding="utf-8") for path in result.outdir.glob(f"*.{suffix}")
    )
    assert "People and ages." in output
    assert "Total" in output
    assert "Napoleon Bonaparte" in output


HEADER_ONLY = """\
# Header only

A claim[^why].

Name | Age
-----|----

[^why]: The reason.
"""

MYST_HEADER_ONLY = """\
# MyST header only

A claim[^why].

| Key | Value |
|-----|-------|

[^why]: The MyST reason.
"""


def test_header_only_table_with_footnote_in_latex(tmp_path: Path) -> None:
    """Sphinx's LaTeX footnote visitor needs a tbody in every table (it used to crash)."""
    files = {"index.rst": "Book\n====\n\n.. toctree::\n\n   header\n", "header.md": HEADER_ONLY}
    write_project(tmp_path, files)
    result = _build(tmp_path, "latex")
    tex = next(result.outdir.glob("*.tex")).read_text(encoding="utf-8")
    table = tex[tex.index(r"\begin{tabulary}") : tex.index(r"\end{tabulary}")]
    assert "Name" in table
    assert "Age" in table
    assert r"\sphinxmidrule" in table
    assert "The reason." in tex
    doctree = result.doctree("header")
    assert [len(body) for body in doctree.findall(nodes.tbody)] == [0]


def test_myst_header_only_table_with_footnote_in_latex(tmp_path: Path) -> None:
    """MyST-Parser makes no tbody for a header-only table: the transform adds one."""
    files = {
        "index.rst": "Book\n====\n\n.. toctree::\n\n   myst\n",
        "myst.md": MYST_HEADER_ONLY,
    }
    write_project(tmp_path, files, conf='extensions.append("myst_parser")\n')
    result = _build(tmp_path, "latex")
    tex = next(result.outdir.glob("*.tex")).read_text(encoding="utf-8")
    table = tex[tex.index(r"\begin{tabulary}") : tex.index(r"\end{tabulary}")]
    assert "Key" in table
    assert "Value" in table
    assert "The MyST reason." in tex


OWN_ENVIRONMENT = """\
# Equations

Before the equations.

$$\\begin{align}
a &= b + c \\\\
d &= e
\\end{align}$$

$$
  \\begin{gather*} x = 1 \\end{gather*}
$$

$$\\begin{aligned} f &= g \\end{aligned}$$

After the equations.
"""


def test_display_math_with_its_own_environment_is_not_wrapped(tmp_path: Path) -> None:
    """amsmath rejects ``align`` inside ``equation*``/``split``: such math is written as is,
    in LaTeX and for MathJax; an ``aligned`` (which needs a display around it) is wrapped."""
    files = {
        "index.rst": "Book\n====\n\n.. toctree::\n\n   equations\n",
        "equations.md": OWN_ENVIRONMENT,
    }
    write_project(tmp_path, files)
    tex = next(_build(tmp_path, "latex").outdir.glob("*.tex")).read_text(encoding="utf-8")
    body = tex[tex.index("Before the equations.") : tex.index("After the equations.")]
    assert "\\begin{align}\na &= b + c \\\\\nd &= e\n\\end{align}" in body
    assert "\\begin{gather*} x = 1 \\end{gather*}" in body
    # only the aligned formula is put in a display of Sphinx's
    assert body.count("\\begin{equation*}") == 1
    assert body.count("\\begin{split}") == 1
    assert re.search(r"\\begin\{split\}\s*\\begin\{aligned\}", body)
    assert not re.search(r"\\begin\{(?:split|equation\*)\}\s*\\begin\{(?:align|gather\*)\}", body)

    page = BeautifulSoup(_build(tmp_path, "html").html("equations"), "html.parser")
    shown = [div.get_text() for div in page.select("div.math")]
    assert shown[0].strip() == "\\begin{align}\na &= b + c \\\\\nd &= e\n\\end{align}"
    assert shown[1].strip() == "\\begin{gather*} x = 1 \\end{gather*}"
    # MathJax reads the environments themselves; other display math keeps \[ … \]
    assert "\\[" not in shown[0] + shown[1]
    assert shown[2].strip().startswith("\\[")


# --- issue 14: front matter after blank lines, HTML inside a paragraph, `\ ` at a line end

LATE_FRONT_MATTER = '\n  \n\t\n+++\ntitle = "Late title"\n+++\n\nThe body.\n'
LATE_DRAFT = "\n\n---\ntitle: Secret\ndraft: true\n---\n\nNot to be published.\n"
LATE_BROKEN_DRAFT = "\n\n---\ntitle: [unclosed\ndraft: true\n---\n\nNot published either.\n"
HTML_IN_PARAGRAPH = """\
# Papers

Some text line
<details><summary>More</summary>
[[paper](/about/x.pdf)] and *emph*
</details>

After the details.
"""
LINE_END_NBSP = "# Terms\n\nTerm one\\ \n:   first line\\ \n    last line\\ \n\nAfter the terms.\n"


@pytest.fixture(scope="module")
def issue14(tmp_path_factory: pytest.TempPathFactory) -> Path:
    srcdir = tmp_path_factory.mktemp("issue14")
    index = "Book\n====\n\n.. toctree::\n\n   late\n   papers\n   terms\n"
    write_project(
        srcdir,
        {
            "index.rst": index,
            "late.md": LATE_FRONT_MATTER,
            "draft.md": LATE_DRAFT,
            "broken.md": LATE_BROKEN_DRAFT,
            "papers.md": HTML_IN_PARAGRAPH,
            "terms.md": LINE_END_NBSP,
        },
    )
    return srcdir


def _issue14_build(srcdir: Path, builder: str) -> Build:
    result = build(srcdir, builder)
    # the one warning: the draft whose front matter cannot be read, at its fence (line 3)
    [warning] = result.warning_lines()
    assert warning.startswith("broken.md:3: WARNING: page left out of the build"), warning
    assert warning.endswith("[mmark.front_matter]")
    return result


def test_issue14_html(issue14: Path) -> None:
    result = _issue14_build(issue14, "html")
    found = result.app.env.found_docs
    assert "draft" not in found  # draft: true after blank lines is still a draft
    assert "broken" not in found
    late = BeautifulSoup(result.html("late"), "html.parser")
    assert late.title is not None
    assert late.title.get_text().startswith("Late title")
    assert late.find("h1").get_text(strip=True).startswith("Late title")
    body = late.find(attrs={"role": "main"}) or late.body
    assert "+++" not in body.get_text()
    assert "title =" not in body.get_text()

    papers = BeautifulSoup(result.html("papers"), "html.parser")
    details = papers.find("details")
    assert details is not None
    assert details.find("summary").get_text() == "More"
    link = papers.find("a", href="/about/x.pdf")
    assert link is not None
    assert link.get_text() == "paper"
    assert papers.find("em", string="emph") is not None
    assert "](" not in papers.get_text()

    terms = BeautifulSoup(result.html("terms"), "html.parser")
    assert terms.find("dt").get_text(strip=True).rstrip("¶") == "Term one"
    definition = terms.find("dd").get_text()
    assert "\\" not in terms.find("dl").get_text()
    assert "first line\u00a0\nlast line" in definition


def test_issue14_latex(issue14: Path) -> None:
    result = _issue14_build(issue14, "latex")
    tex = next(result.outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert "Late title" in tex
    assert "+++" not in tex
    assert "Secret" not in tex
    assert "Not published" not in tex
    papers = tex[tex.index("Some text line") : tex.index("After the details.")]
    assert "More" in papers
    assert r"\sphinxhref{/about/x.pdf}{paper}" in papers
    assert r"\sphinxstyleemphasis{emph}" in papers
    terms = tex[tex.index("Term one") : tex.index("After the terms.")]
    assert r"\textbackslash" not in terms
    assert "first line~" in terms or "first line\u00a0" in terms
