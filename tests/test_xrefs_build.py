"""Cross-references to a heading of another document: ``(#id)`` and ``[text](#id)``.

mmark resolves them against every heading of the whole (included) book; in Sphinx the book is
several documents, so an id that is not in the reference's own document is looked up in the
others (the first in book order wins). Full builds: HTML, LaTeX, ``-j 2``, incremental.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from .helpers import Build, build, write_project

INDEX = """\
Book
====

.. toctree::

   one
   two
   three
"""

ONE = """\
# One

See (#later-part), [that part](#later-part), (#one-more), (#exercises) and (#nowhere).

## One more
"""

TWO = """\
# Two

## Later part

Back to (#one-more, the start) and to (#exercises).

## Exercises
"""

THREE = """\
# Three

## Exercises
"""


@pytest.fixture
def book(tmp_path: Path) -> Path:
    src = tmp_path / "src"
    write_project(src, {"index.rst": INDEX, "one.md": ONE, "two.md": TWO, "three.md": THREE})
    return src


def _links(result: Build, docname: str) -> dict[str, str]:
    """Text → target of the cross-reference links of a page."""
    soup = BeautifulSoup(result.html(docname), "html.parser")
    return {a.get_text(): a["href"] for a in soup.select("a.mmark-xref")}


def _only_the_unknown_target_warns(result: Build) -> None:
    assert result.warning_lines() == [
        "one.md:3: WARNING: unknown cross-reference target: nowhere [mmark.ref]"
    ]


def test_html_links_to_headings_of_other_documents(book: Path) -> None:
    result = build(book)
    _only_the_unknown_target_warns(result)
    assert _links(result, "one") == {
        "Later part": "two.html#later-part",
        "that part": "two.html#later-part",
        "One more": "#one-more",
        # two and three both have it: the first in the toctree wins (not the first by name)
        "Exercises": "two.html#exercises",
    }
    # the document's own heading comes first
    assert _links(result, "two") == {"the start": "one.html#one-more", "Exercises": "#exercises"}
    # an id found nowhere stays as the reference's text
    assert "(#nowhere)" in BeautifulSoup(result.html("one"), "html.parser").get_text()


def test_latex_refers_to_the_other_document(book: Path) -> None:
    result = build(book, "latex")
    _only_the_unknown_target_warns(result)
    tex = next(result.outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert r"\label{\detokenize{two:later-part}}" in tex
    assert tex.count(r"\hyperref[\detokenize{two:later-part}]") == 2
    assert r"\hyperref[\detokenize{one:one-more}]" in tex
    assert r"\hyperref[\detokenize{two:exercises}]" in tex
    assert r"\hyperref[\detokenize{three:exercises}]" not in tex


@pytest.mark.parametrize("builder", ["text", "man"])
def test_other_builders(book: Path, builder: str) -> None:
    result = build(book, builder)
    _only_the_unknown_target_warns(result)


def test_parallel_build_matches_serial(book: Path, tmp_path: Path) -> None:
    serial = build(book)
    parallel_src = tmp_path / "parallel"
    shutil.copytree(book, parallel_src, ignore=shutil.ignore_patterns("_build"))
    parallel = build(parallel_src, parallel=2)
    _only_the_unknown_target_warns(parallel)
    for docname in ("one", "two", "three"):
        assert serial.html(docname) == parallel.html(docname), docname


@pytest.mark.parametrize("parallel", [0, 2])
def test_changing_the_target_document_rewrites_the_referring_one(book: Path, parallel: int) -> None:
    build(book, parallel=parallel)
    # the heading goes: one.md is not re-read, but its page must not keep the link
    (book / "two.md").write_text(TWO.replace("## Later part", "## Later section"), "utf-8")
    gone = build(book, parallel=parallel, fresh=False)
    assert "0 added, 1 changed, 0 removed" in gone.status
    assert "two.html#later-part" not in gone.html("one")
    assert "one.md:3: WARNING: unknown cross-reference target: later-part [mmark.ref]" in (
        gone.warning_lines()
    )
    # it comes back, in the third document (two has it no more): the link follows it
    (book / "three.md").write_text(THREE + "\n## Later part\n", "utf-8")
    back = build(book, parallel=parallel, fresh=False)
    assert "0 added, 1 changed, 0 removed" in back.status
    assert _links(back, "one")["Later part"] == "three.html#later-part"
    # a change elsewhere leaves one.md alone (neither re-read nor re-written)
    (book / "three.md").write_text(THREE + "\n## Later part\n\nMore text.\n", "utf-8")
    quiet = build(book, parallel=parallel, fresh=False)
    assert "writing output... [100%] three" in quiet.status
    assert "] one" not in quiet.status


def test_a_title_change_in_the_target_document_reaches_the_link_text(book: Path) -> None:
    build(book)
    (book / "two.md").write_text(
        TWO.replace("## Later part", "## Later part {#later-part}"), encoding="utf-8"
    )
    build(book, fresh=False)
    renamed = TWO.replace("## Later part", "## A later part {#later-part}")
    (book / "two.md").write_text(renamed, encoding="utf-8")
    result = build(book, fresh=False)
    assert _links(result, "one")["A later part"] == "two.html#later-part"


def test_a_reference_naming_a_document_follows_its_changes(tmp_path: Path) -> None:
    src = tmp_path / "src"
    write_project(src, {"index.md": "# A\n\nSee [](b.md#x).\n", "b.md": "# B\n\n## Old {#x}\n"})
    first = build(src)
    assert _links(first, "index") == {"Old": "b.html#x"}
    (src / "b.md").write_text("# B\n\n## New {#x}\n", encoding="utf-8")
    second = build(src, fresh=False)
    assert "0 added, 1 changed, 0 removed" in second.status
    assert _links(second, "index") == {"New": "b.html#x"}


def test_two_books_in_one_project_keep_their_own_ids(tmp_path: Path) -> None:
    """A heading in the referring document's own folder wins over an earlier one elsewhere
    (two books of one project, both with an ``interfaces`` chapter)."""
    src = tmp_path / "src"
    index = "Books\n=====\n\n.. toctree::\n\n   first/intro\n   first/interfaces\n"
    index += "   second/intro\n   second/interfaces\n"
    write_project(
        src,
        {
            "index.rst": index,
            "first/intro.md": "# Intro\n\nSee (#interfaces).\n",
            "first/interfaces.md": "# Interfaces {#interfaces}\n",
            "second/intro.md": "# Intro\n\nSee (#interfaces).\n",
            "second/interfaces.md": "# Interfaces {#interfaces}\n",
        },
    )
    result = build(src)
    assert result.warning_lines() == []
    assert _links(result, "first/intro") == {"Interfaces": "interfaces.html#interfaces"}
    assert _links(result, "second/intro") == {"Interfaces": "interfaces.html#interfaces"}
    # the same relative link: check which document each page's link reached
    for book in ("first", "second"):
        soup = BeautifulSoup(result.html(f"{book}/intro"), "html.parser")
        href = soup.select_one("a.mmark-xref")["href"]
        assert (result.outdir / book / href.split("#")[0]).is_file()
