"""Full builds of documents that use every inline construct: HTML, LaTeX, text, man.

Fixture files (tests/fixtures/{sup_sub,strikethrough,bcp14,nbsp,breaks,comments,
callouts,index_entries,smart_quotes}.md) pin the doctrees; these tests check that
the writers turn them into the right output.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

from sphinx_mmark.parse.markdown import build_parser

from .helpers import Build, build, write_project

V2_DOC = """\
%%%
title = "Inline constructs"
%%%

# Chemistry

(!water, kinds) (!!chemistry)

H~2~O and 2^10^ and P~a\\ cat~. ~~Old text~~ new text.
Implementations **MUST NOT** do this and **SHOULD** do that; **MUST REALLY NOT** is plain.
Ten\\ km, "quoted" -- and --- dashes. A break<br>here. Hidden <!-- secret inline --> text.

<!-- secret block -->

~~~ go
f, e := os.Open(name) //<<1>>
defer f.Close() #<<2>>
~~~

At <<1>> we open, at <<2>> we close. Buffered (!io, buffered) I/O (!?) stays.
"""

V1_DOC = """\
---
title: "A Hugo post"
---

Use "quotes" -- as typed (((io, buffered))) and (((!package))).

{callout="//"}
```go
x := f() //<1>
```

At <1> we call.
"""

INDEX = """\
Inline
======

.. toctree::

   v2
   v1
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    write_project(tmp_path / "src", {"index.rst": INDEX, "v2.md": V2_DOC, "v1.md": V1_DOC})
    return tmp_path / "src"


def _no_warnings(result: Build) -> None:
    assert result.warning_lines() == []


def test_html(project: Path) -> None:
    result = build(project, "html")
    _no_warnings(result)
    soup = BeautifulSoup(result.html("v2"), "html.parser")
    body = soup.find("section")
    assert body is not None
    assert [s.get_text() for s in body.find_all("sub")] == ["2", "a cat"]
    assert [s.get_text() for s in body.find_all("sup")] == ["10"]
    assert [d.get_text() for d in body.find_all("del")] == ["Old text"]
    assert [s.get_text() for s in body.select("strong.bcp14")] == ["MUST NOT", "SHOULD"]
    assert "MUST REALLY NOT" in [s.get_text() for s in body.find_all("strong")]
    text = body.get_text()
    assert "Ten\u00a0km" in text
    assert "\u201cquoted\u201d \u2013 and \u2014 dashes" in text
    assert "secret" not in result.html("v2")
    assert "(!?)" in text
    assert body.find("br") is not None
    # callouts: markers in code (comment removed), prose markers link to them
    code = body.find("pre")
    assert code is not None
    assert [m.get_text() for m in code.select("span.callout")] == ["1", "2"]
    assert "//" not in code.get_text()
    assert "#<<" not in code.get_text()
    links = body.select("a.reference > span.callout")
    targets = [a.parent["href"] for a in links]
    for href in targets:
        assert code.find(id=href.lstrip("#")) is not None
    assert len(targets) == 2
    # the index: the section-wide entries point at the section
    genindex = BeautifulSoup((result.outdir / "genindex.html").read_text("utf-8"), "html.parser")
    entries: dict[str, list[str]] = {}
    for link in genindex.select("table.genindextable a"):
        entries.setdefault(link.get_text(), []).append(link["href"])
    assert entries["kinds"] == ["v2.html#chemistry"]
    # "io; buffered" is in both documents: one entry, two links ("buffered", "[1]")
    hrefs = sorted(entries["buffered"] + entries["[1]"])
    assert [href.split("#index-")[0] for href in hrefs] == ["v1.html", "v2.html"]
    main_entries = [s.get_text() for s in genindex.select("table.genindextable a > strong")]
    assert main_entries == ["chemistry", "package"]
    # v1: no smart quotes, callouts by block attribute
    v1 = BeautifulSoup(result.html("v1"), "html.parser").find("section")
    assert v1 is not None
    assert '"quotes" -- as typed' in v1.get_text()
    assert [m.get_text() for m in v1.select("pre span.callout")] == ["1"]
    assert (result.outdir / "_static" / "sphinx-mmark-inline.css").is_file()


def test_latex(project: Path) -> None:
    result = build(project, "latex")
    _no_warnings(result)
    tex = next(result.outdir.glob("*.tex")).read_text("utf-8")
    assert r"\usepackage{sphinxmmarkinline}" in tex
    assert (result.outdir / "sphinxmmarkinline.sty").is_file()
    sty = (result.outdir / "sphinxmmarkinline.sty").read_text("utf-8")
    assert r"\providecommand*{\DUroledel}[1]{\sout{#1}}" in sty
    assert r"H$_{\text{2}}$O" in tex
    assert r"2$^{\text{10}}$" in tex
    assert r"\DUrole{del}{Old text}" in tex
    assert r"A break\newline{}" in tex
    assert "secret" not in tex
    assert r"\index{water@\spxentry{water}!kinds@\spxentry{kinds}}" in tex
    assert r"\index{chemistry@\spxentry{chemistry}|spxpagem}" in tex
    assert r"\index{io@\spxentry{io}!buffered@\spxentry{buffered}}" in tex
    # callout markers in the code, linked from the prose
    code = tex[tex.index(r"\begin{sphinxalltt}") : tex.index(r"\end{sphinxalltt}")]
    labels = re.findall(r"\\label\{\\detokenize\{(v2:callout-[\d-]+)\}\}\\DUrole\{callout\}", code)
    assert len(labels) == 2
    for label in labels:
        assert rf"\hyperref[\detokenize{{{label}}}]" in tex
    assert "//" not in code


@pytest.mark.parametrize("builder", ["text", "man"])
def test_text_and_man(project: Path, builder: str) -> None:
    result = build(project, builder)
    _no_warnings(result)
    suffix = ".txt" if builder == "text" else ".1"
    out = next(p for p in result.outdir.rglob(f"*{suffix}") if builder == "man" or p.stem == "v2")
    text = out.read_text("utf-8")
    assert "secret" not in text
    assert "Old text" in text


def test_parallel_html(project: Path) -> None:
    result = build(project, "html", parallel=2)
    _no_warnings(result)
    assert "callout" in result.html("v2")


# -- the rules alone: never raise, linear time ---------------------------------------

_PIECES = [
    "~",
    "~~",
    "^",
    "\\ ",
    "<br>",
    "<!--",
    "-->",
    "<<1>>",
    "<1>",
    "(!",
    "(!!",
    "(((",
    ")))",
    ")",
    ",",
    "**MUST**",
    "**",
    "//",
    "#",
    "\n",
    "\n\n",
    "```\n",
    " ",
    "a",
    "é",
    "http://a.b/",
    "mailto:",
    ":",
    "[a](",
    "![",
    "]",
    "(",
    '"',
    "_",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=60), st.sampled_from(["v1", "v2"]))
def test_rules_never_raise(pieces: list[str], flavour: str) -> None:
    source = "".join(pieces)
    tokens = build_parser().parse(source, {"flavour": flavour})
    # every block opened is closed, and every source map lies within the source's lines
    assert sum(token.nesting for token in tokens) == 0
    lines = len(source.split("\n"))
    for token in tokens:
        if token.map is not None:
            assert 0 <= token.map[0] <= token.map[1] <= lines, (token.type, token.map, source)


# -- links a reader expects: bare URLs and link targets with spaces (issue 14) ------------

LINKS_V2 = """\
# Links

See https://www.iana.org/assignments/x for details (or http://a.b/c_(d)).
Get the [slides](/files/Intro to X.pptx "The slides") or ![a chart](https://x.org/my chart.png).
Write to mailto:me@example.com, not `http://a.b/code`.
"""

LINKS_V1 = """\
---
title: "A Hugo post"
---

See https://www.iana.org/assignments/y and the [notes](https://x.org/my notes.pdf).
"""


@pytest.fixture
def links_project(tmp_path: Path) -> Path:
    index = "Links\n=====\n\n.. toctree::\n\n   v2\n   v1\n"
    write_project(tmp_path / "src", {"index.rst": index, "v2.md": LINKS_V2, "v1.md": LINKS_V1})
    return tmp_path / "src"


def test_links_html(links_project: Path) -> None:
    result = build(links_project, "html")
    _no_warnings(result)
    links: dict[str, list[tuple[str, str]]] = {}
    for doc in ("v2", "v1"):
        section = BeautifulSoup(result.html(doc), "html.parser").find("section")
        assert section is not None
        # the writer percent-encodes the "@" of a mailto: link, whatever made it
        links[doc] = [(a.get_text(), unquote(a["href"])) for a in section.select("a.reference")]
    assert links["v2"] == [
        ("https://www.iana.org/assignments/x", "https://www.iana.org/assignments/x"),
        ("http://a.b/c_(d)", "http://a.b/c_(d)"),
        ("slides", "/files/Intro to X.pptx"),
        ("mailto:me@example.com", "mailto:me@example.com"),
    ]
    assert links["v1"] == [
        ("https://www.iana.org/assignments/y", "https://www.iana.org/assignments/y"),
        ("notes", "https://x.org/my notes.pdf"),
    ]
    page = BeautifulSoup(result.html("v2"), "html.parser")
    assert [img["src"] for img in page.select("section img")] == ["https://x.org/my%20chart.png"]
    slides = page.find("a", title="The slides")
    assert slides is not None
    assert slides["href"] == "/files/Intro%20to%20X.pptx"


def test_links_latex(links_project: Path) -> None:
    result = build(links_project, "latex")
    _no_warnings(result)
    tex = next(result.outdir.glob("*.tex")).read_text("utf-8")
    assert r"\sphinxurl{https://www.iana.org/assignments/x}" in tex
    assert r"\sphinxurl{http://a.b/c\_(d)}" in tex
    assert r"\sphinxhref{/files/Intro\%20to\%20X.pptx}{slides}" in tex
    assert r"\sphinxhref{https://x.org/my\%20notes.pdf}{notes}" in tex
    assert r"\sphinxurl{mailto:me@example.com}" in tex
