"""Document structure (issue 3) in whole builds: HTML (sphinx-book-theme), LaTeX, text, man.

One v2 draft (title block, divisions, special sections, an aside, lists, a
definition list) and one v1 Hugo post (task list, abbreviations, example lists,
parts), under a numbered toctree.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from .helpers import Build, build, write_project

DRAFT = """\
%%%
title = "A Draft"
%%%

{frontmatter}

.# Abstract

The abstract.

.# Preface {#pref}

Before we start.

{mainmatter}

# Introduction

A> An aside
A> beside the text.

1) one
2) two

7. seven
8. eight

Term
: Its definition.

.# Note

A note.

# Second

{backmatter}

# Appendix

Text.
"""

POST = """\
---
title: A Post
---

- [ ] open task
- [x] done task

The HTML spec.

*[HTML]: Hyper Text Markup Language

(@good)  A good example.
(@)  Another one.

As (@good) shows.

(@bad)  A bad one.

-# Part One

# Chapter

Text.
"""

INDEX = """\
Book
====

.. toctree::
   :numbered:

   draft
   post
"""


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    srcdir = tmp_path_factory.mktemp("structure")
    write_project(
        srcdir,
        {"index.rst": INDEX, "draft.md": DRAFT, "post.md": POST},
        conf='html_theme = "sphinx_book_theme"\n',
    )
    return srcdir


@pytest.fixture(scope="module")
def html(project: Path) -> Build:
    return build(project, "html")


def _soup(result: Build, docname: str) -> BeautifulSoup:
    return BeautifulSoup(result.html(docname), "html.parser")


def _section(soup: BeautifulSoup, section_id: str) -> Tag:
    section = soup.find("section", id=section_id)
    assert isinstance(section, Tag), section_id
    return section


def _heading_number(section: Tag) -> str:
    heading = section.find(re.compile(r"^h\d$"))
    assert isinstance(heading, Tag)
    number = heading.find("span", class_="section-number")
    return number.get_text(strip=True) if isinstance(number, Tag) else ""


def test_no_warnings(html: Build) -> None:
    assert html.warning_lines() == []


def test_aside_is_a_margin_sidebar(html: Build) -> None:
    aside = _soup(html, "draft").find("aside", class_="mmark-aside")
    assert isinstance(aside, Tag)
    assert {"sidebar", "margin"} <= set(aside["class"])
    assert " ".join(aside.get_text().split()) == "An aside beside the text."


def test_special_sections_are_classed_and_unnumbered(html: Build) -> None:
    soup = _soup(html, "draft")
    abstract = _section(soup, "abstract")
    assert {"mmark-special", "abstract", "mmark-frontmatter"} <= set(abstract["class"])
    assert {"preface"} <= set(_section(soup, "pref")["class"])
    assert {"note", "mmark-mainmatter"} <= set(_section(soup, "note")["class"])
    assert _heading_number(abstract) == ""
    assert _heading_number(_section(soup, "pref")) == ""
    assert _heading_number(_section(soup, "note")) == ""
    # the numbered sections count on as if the special ones were not there
    assert _heading_number(_section(soup, "introduction")) == "1.1."
    assert _heading_number(_section(soup, "second")) == "1.2."


def test_divisions_class_the_sections_that_follow(html: Build) -> None:
    soup = _soup(html, "draft")
    assert "mmark-mainmatter" in _section(soup, "introduction")["class"]
    assert "mmark-backmatter" in _section(soup, "appendix")["class"]


def test_lists(html: Build) -> None:
    soup = _soup(html, "draft")
    paren = soup.find("ol", class_="mmark-paren")
    assert isinstance(paren, Tag)
    assert [li.get_text(strip=True) for li in paren.find_all("li")] == ["one", "two"]
    assert soup.find("ol", start="7") is not None
    term = soup.find("dt")
    assert isinstance(term, Tag)
    assert term.get_text(strip=True) == "Term"
    assert soup.find("link", href=re.compile(r"sphinx-mmark-structure\.css")) is not None
    assert (html.outdir / "_static" / "sphinx-mmark-structure.css").is_file()


def test_v1_task_list_abbreviation_examples_parts(html: Build) -> None:
    soup = _soup(html, "post")
    boxes = soup.find_all("input", class_="task-list-item-checkbox")
    assert [box.has_attr("checked") for box in boxes] == [False, True]
    abbr = soup.find("abbr")
    assert isinstance(abbr, Tag)
    assert (abbr.get_text(), abbr["title"]) == ("HTML", "Hyper Text Markup Language")
    lists = soup.find_all("ol", class_="mmark-example-list")
    assert [ol.get("start") for ol in lists] == [None, "3"]
    ref = soup.find("a", class_="mmark-example-ref")
    assert isinstance(ref, Tag)
    assert (ref.get_text(), ref["href"]) == ("(1)", "#example-good")
    assert soup.find(id="example-good") is not None
    part = _section(soup, "part-one")
    assert "mmark-part" in part["class"]
    assert part.find("section", id="chapter") is not None


def test_parallel_build_numbers_alike(project: Path, tmp_path: Path) -> None:
    srcdir = tmp_path / "j2"
    shutil.copytree(project, srcdir, ignore=shutil.ignore_patterns("_build"))
    result = build(srcdir, "html", parallel=2)
    soup = _soup(result, "draft")
    assert _heading_number(_section(soup, "abstract")) == ""
    assert _heading_number(_section(soup, "introduction")) == "1.1."
    assert result.warning_lines() == []


@pytest.fixture(scope="module")
def latex(project: Path) -> tuple[Build, str]:
    result = build(project, "latex")
    tex = next(result.outdir.glob("*.tex")).read_text("utf-8")
    return result, tex


def _order(tex: str, *needles: str) -> None:
    """Every needle occurs, in this order."""
    position = -1
    for needle in needles:
        found = tex.find(needle, position + 1)
        assert found > position, f"{needle!r} missing or out of order"
        position = found


def test_latex_divisions_and_unnumbered_sections(latex: tuple[Build, str]) -> None:
    result, tex = latex
    assert result.warning_lines() == []
    assert "\\usepackage{sphinxmmarkstructure}" in tex
    assert (result.outdir / "sphinxmmarkstructure.sty").is_file()
    _order(
        tex,
        "\\sphinxmmarkfrontmatter",
        "\\sphinxmmarkunnumbered",
        "\\section{Abstract}",
        "\\sphinxmmarknumbered",
        "\\sphinxmmarkunnumbered",
        "\\section{Preface}",
        "\\sphinxmmarkmainmatter",
        "\\section{Introduction}",
        "\\sphinxmmarkunnumbered",
        "\\section{Note}",
        "\\sphinxmmarknumbered",
        "\\section{Second}",
        "\\sphinxmmarkbackmatter",
        "\\section{Appendix}",
    )
    # Introduction itself is numbered: no switch right before it
    intro = tex.index("\\section{Introduction}")
    assert (
        "\\sphinxmmarkunnumbered"
        not in tex[tex.rindex("\\sphinxmmarkmainmatter", 0, intro) : intro]
    )


def test_latex_divisions_can_be_switched_off(project: Path, tmp_path: Path) -> None:
    srcdir = tmp_path / "nodivisions"
    shutil.copytree(project, srcdir, ignore=shutil.ignore_patterns("_build"))
    result = build(srcdir, "latex", overrides={"mmark_latex_divisions": False})
    tex = next(result.outdir.glob("*.tex")).read_text("utf-8")
    assert "\\sphinxmmarkbackmatter" not in tex
    assert "\\sphinxmmarkfrontmatter" not in tex
    # special sections stay unnumbered
    _order(tex, "\\sphinxmmarkunnumbered", "\\section{Abstract}")


def test_latex_asides_and_lists(latex: tuple[Build, str]) -> None:
    _, tex = latex
    _order(tex, "\\begin{sphinxsidebar}", "An aside", "\\end{sphinxsidebar}")
    assert "\\sphinxsetlistlabels{\\arabic}{enumi}{enumii}{}{)}" in tex
    assert "\\setcounter{enumi}{6}" in tex
    _order(tex, "\\begin{description}", "Term", "Its definition.", "\\end{description}")


def test_latex_v1_constructs(latex: tuple[Build, str]) -> None:
    _, tex = latex
    _order(tex, "\\sphinxmmarktaskopen{} open task", "\\sphinxmmarktaskdone{} done task")
    assert "\\sphinxstyleabbreviation{HTML} (Hyper Text Markup Language)" in tex
    assert "\\sphinxsetlistlabels{\\arabic}{enumi}{enumii}{(}{)}" in tex
    assert "\\label{\\detokenize{post:example-good}}" in tex
    assert "\\hyperref[\\detokenize{post:example-good}]" in tex
    _order(tex, "{Part One}", "{Chapter}")


@pytest.mark.parametrize("builder", ["text", "man"])
def test_text_and_man_builds(project: Path, builder: str) -> None:
    result = build(project, builder)
    assert result.warning_lines() == []
    output = "\n".join(
        path.read_text("utf-8") for path in result.outdir.rglob("*") if path.is_file()
    )
    assert "[x] done task" in output
    assert "An aside" in output
