"""The documentation site: it builds without warnings, in HTML and LaTeX, and its
generated references list everything the code declares.

The docs are built in place (source ``docs/``), with output in a temporary
directory, nitpicky and with every warning reported: a warning fails the test,
as ``-W`` fails the docs build in CI.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from io import StringIO
from pathlib import Path
from types import ModuleType

import pytest
from bs4 import BeautifulSoup
from sphinx.application import Sphinx
from sphinx.util.console import strip_colors
from sphinx.util.docutils import docutils_namespace, patch_docutils

from sphinx_mmark.config import OPTIONS
from sphinx_mmark.warnings_ import MmarkWarning

DOCS = Path(__file__).resolve().parent.parent / "docs"

EXAMPLE_TITLES = {
    "examples/tree-height": "How tall is the ash tree?",
    "examples/clinometer": "Building a clinometer",
    "examples/sourdough": "Sourdough by the numbers",
}
DRAFT = "examples/weather-station"


def _build(builder: str, root: Path) -> tuple[Path, str]:
    """Build the docs with ``builder`` under ``root``; return the output dir and the warnings."""
    status, warnings = StringIO(), StringIO()
    # as sphinx-build does: node classes registered by this build are dropped after it
    with patch_docutils(DOCS), docutils_namespace():
        app = Sphinx(
            DOCS,
            DOCS,
            root / builder,
            root / "doctrees",
            builder,
            confoverrides={"nitpicky": True},
            status=status,
            warning=warnings,
            freshenv=True,
        )
        app.build()
    return root / builder, strip_colors(warnings.getvalue())


@pytest.fixture(scope="module")
def html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    outdir, warnings = _build("html", tmp_path_factory.mktemp("docs"))
    assert warnings == "", f"the HTML build of the docs warns:\n{warnings}"
    return outdir


@pytest.fixture(scope="module")
def latex(tmp_path_factory: pytest.TempPathFactory) -> str:
    outdir, warnings = _build("latex", tmp_path_factory.mktemp("docs"))
    assert warnings == "", f"the LaTeX build of the docs warns:\n{warnings}"
    return (outdir / "sphinx-mmark.tex").read_text(encoding="utf-8")


def _soup(html: Path, docname: str) -> BeautifulSoup:
    return BeautifulSoup((html / f"{docname}.html").read_text(encoding="utf-8"), "html.parser")


def _first_column(soup: BeautifulSoup, table_class: str) -> list[str]:
    table = soup.select_one(f"table.{table_class}")
    assert table is not None, f"no table.{table_class} in the page"
    return [row.select("td")[0].get_text(strip=True) for row in table.select("tbody tr")]


@pytest.mark.parametrize(("docname", "title"), EXAMPLE_TITLES.items())
def test_example_post_is_built_with_its_front_matter_title(
    html: Path, docname: str, title: str
) -> None:
    soup = _soup(html, docname)
    article = soup.select_one("article")
    assert article is not None
    headings = [h.get_text(strip=True).rstrip("#") for h in article.find_all("h1")]
    assert headings == [title]
    assert soup.title is not None
    assert soup.title.get_text().startswith(title)


def test_example_posts_are_in_the_examples_toctree(html: Path) -> None:
    soup = _soup(html, "examples/index")
    article = soup.select_one("article")
    assert article is not None
    linked = {str(a["href"]).removesuffix(".html") for a in article.select(".toctree-wrapper a")}
    assert linked == {docname.removeprefix("examples/") for docname in EXAMPLE_TITLES}


def test_draft_post_is_left_out(html: Path) -> None:
    assert (DOCS / f"{DRAFT}.md").is_file(), "the draft example is missing from the docs"
    assert not (html / f"{DRAFT}.html").exists()
    assert "weather-station" not in (html / "searchindex.js").read_text(encoding="utf-8")


def test_example_post_footnotes_math_image_and_references(html: Path) -> None:
    article = _soup(html, "examples/tree-height").select_one("article")
    assert article is not None
    refs = [a.get_text(strip=True) for a in article.select("a.footnote-reference")]
    assert refs == ["[1]", "[2]", "[1]", "[3]"]  # the first note is referenced twice
    assert article.select_one("blockquote a.footnote-reference") is not None
    assert article.select("div.math"), "no display math"
    assert article.select("span.math"), "no inline math"
    assert [img["src"] for img in article.find_all("img")] == ["../_images/tree-angle.png"]
    assert (html / "_images" / "tree-angle.png").is_file()
    xrefs = {a["href"]: a.get_text() for a in article.select("a.mmark-xref")}
    assert xrefs["clinometer.html#calibration"] == "the clinometer I built last month"
    assert xrefs["#measurements"] == "Measurements"  # (#id) takes the target's title


def test_single_dollar_prices_stay_text(html: Path) -> None:
    article = _soup(html, "examples/sourdough").select_one("article")
    assert article is not None
    assert "costs $2 and a loaf in the\nshop costs $5" in article.get_text()


def _math_and_text(html: Path, docname: str, source: str) -> tuple[list[str], str]:
    """The inline maths and the text of the paragraph rendered from ``source``, the first
    line of a shown example (the paragraph right after the code block showing it)."""
    article = _soup(html, docname).select_one("article")
    assert article is not None
    shown = next(pre for pre in article.select("pre") if pre.get_text().startswith(source))
    paragraph = shown.find_next("p")
    assert paragraph is not None
    maths = [span.get_text() for span in paragraph.select("span.math")]
    return maths, paragraph.get_text()


def test_each_flavour_page_shows_its_own_dollar_rule(html: Path) -> None:
    """The flavour pages show one source: read as v1 a single dollar is text, read as v2
    ``$x$`` is maths; prices stay text in both."""
    source = "Let $x$ be the price"
    maths, text = _math_and_text(html, "syntax/math-v1", source)
    assert maths == [r"\(\sum_i x_i\)"]
    assert "Let $x$ be the price" in text
    assert "it cost $5 and a cake $10." in text
    maths, text = _math_and_text(html, "syntax/math-v2", source)
    assert maths == [r"\(x\)", r"\(\sum_i x_i\)"]
    assert "it cost $5 and a cake $10." in text
    # Markdown-escaped MathJax delimiters are maths in the v1 page
    maths, _ = _math_and_text(html, "syntax/math-v1", "Sorting $$n$$")
    assert maths == [r"\(n\)", r"\(O(n \log n)\)"]
    writing = _soup(html, "writing")
    links = {str(a["href"]) for a in writing.select("article a")}
    assert {"syntax/math-v1.html", "syntax/math-v2.html"} <= links
    # the page of both flavours has no single-dollar maths (it once ran from a price on)
    assert [span.get_text() for span in writing.select("span.math")] == [r"\(E = mc^2\)"]
    toctree = {str(a["href"]) for a in _soup(html, "syntax").select("article .toctree-wrapper a")}
    assert {"syntax/math-v1.html", "syntax/math-v2.html"} <= toctree


def test_maths_with_its_own_environment_is_not_wrapped(html: Path, latex: str) -> None:
    writing = _soup(html, "writing")
    shown = [div.get_text() for div in writing.select("div.math")]
    aligned = [text for text in shown if r"\begin{align}" in text]
    assert len(aligned) == 1
    assert r"\[" not in aligned[0]  # MathJax reads the environment itself
    assert re.search(r"\\begin\{align\}\n  \\sin\^2\\theta", latex)
    assert not re.search(r"\\begin\{(?:equation\*|split)\}\s*\\begin\{align\}", latex)


def test_configuration_reference_lists_every_option(html: Path) -> None:
    soup = _soup(html, "configuration")
    assert _first_column(soup, "mmark-config-reference") == [option.name for option in OPTIONS]
    table = soup.select_one("table.mmark-config-reference")
    assert table is not None
    for option, row in zip(OPTIONS, table.select("tbody tr"), strict=True):
        cells = [cell.get_text(" ", strip=True) for cell in row.find_all("td")]
        assert cells[1] == option.type_name
        assert cells[3], f"{option.name} has no help text in the table"


def test_warnings_reference_lists_every_subtype(html: Path) -> None:
    soup = _soup(html, "warnings")
    subtypes = [f"mmark.{member.value}" for member in MmarkWarning]
    assert _first_column(soup, "mmark-warnings-reference") == subtypes
    table = soup.select_one("table.mmark-warnings-reference")
    assert table is not None
    for row in table.select("tbody tr"):
        assert row.find_all("td")[1].get_text(strip=True), "a subtype without documentation"


def test_latex_build_has_real_footnotes_math_and_image(latex: str) -> None:
    # Sphinx writes a footnote as its ``footnote`` environment (a real \footnote),
    # and later references to the same note as \sphinxfootnotemark.
    assert latex.count(r"\begin{footnote}") >= 5
    assert r"\sphinxfootnotemark" in latex
    assert re.search(r"\\begin\{equation\*\}|\\\[", latex), "no display math"
    assert r"\sphinxincludegraphics{{tree-angle}.png}" in latex
    assert r"\hyperref[\detokenize{examples/clinometer:calibration}]" in latex
    assert "weather-station" not in latex


def _reference_extension() -> ModuleType:
    path = DOCS / "_ext" / "mmark_docs_reference.py"
    spec = importlib.util.spec_from_file_location("mmark_docs_reference", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(spec.name, module)
    spec.loader.exec_module(module)
    return module


def test_member_docstrings_are_read_from_the_source() -> None:
    source = (
        "class Other:\n    A = 1\n    '''not this one'''\n"
        "class Kinds:\n"
        "    ONE = 'one'\n    '''The first\n    kind.'''\n"
        "    TWO = 'two'\n"
        "    THREE = 'three'\n    '''The third.'''\n"
    )
    found = _reference_extension().member_docstrings(source, "Kinds")
    assert found == {"ONE": "The first kind.", "THREE": "The third."}
