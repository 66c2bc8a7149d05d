"""Maths written for a browser builds in HTML and compiles in LaTeX (issue 14).

MathJax's and KaTeX's own macros (``\\lt``, ``\\R``, ``\\Bbb``…), the site's macros of
``mmark_math_macros``, display maths with a ``\\tag`` and TeX wrapped in its own ``\\[…\\]``.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from sphinx_mmark.sphinx_ext.math_macros import katex_macros

from .helpers import Build, build, write_project

POST = """\
---
title: Maths for the browser
---

Before the maths. Let $$x \\in \\R$$ with $$x \\lt 1$$, $$\\Bbb{Z} \\sub \\Reals$$ and
$$\\v{a} \\cdot \\h$$; the accent of Dvořák stays in the text.

$$ E = mc^2 \\tag{1} $$

$$
a &= b \\tag{2} \\\\
c &= d \\tag{3}
$$

$$\\[ x^n + y^n = z^n \\]$$

After the maths.
"""

MACROS = """
mmark_math_macros = {
    "v": ["\\\\mathbf{#1}", 1],
    "\\\\h": "\\\\hbar",
    "bad name": "x",
    "x1": "y",
    "open": "\\\\frac{1",
    "args": ["#2", 1],
    "kind": 3,
}
"""


def _project(tmp_path: Path, conf: str = MACROS) -> Path:
    write_project(
        tmp_path,
        {"index.rst": "Maths\n=====\n\n.. toctree::\n\n   post\n", "post.md": POST},
        conf,
    )
    return tmp_path


def _warnings(result: Build) -> list[str]:
    return [line for line in result.warning_lines() if "mmark_math_macros" not in line]


def test_invalid_macros_are_left_out_with_one_warning_each(tmp_path: Path) -> None:
    result = build(_project(tmp_path), "latex")
    warned = [line for line in result.warning_lines() if "mmark_math_macros" in line]
    assert len(warned) == 5, warned
    for name in ("bad name", "x1", "open", "args", "kind"):
        assert sum(f"'{name}'" in line for line in warned) == 1, (name, warned)
    assert all("[mmark.config]" in line for line in warned)
    assert _warnings(result) == []
    sty = (result.outdir / "sphinxmmarkmath.sty").read_text(encoding="utf-8")
    assert "\\renewcommand{\\v}[1]{\\mathbf{##1}}" in sty
    assert "\\renewcommand{\\h}{\\hbar}" in sty
    for name in ("bad name", "x1", "open", "args", "kind"):
        assert f"\\{name}}}" not in sty


def test_latex_writes_tagged_maths_in_an_environment_and_strips_own_delimiters(
    tmp_path: Path,
) -> None:
    result = build(_project(tmp_path), "latex")
    tex = next(result.outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert "\\usepackage{sphinxmmarkmath}" in tex
    body = tex[tex.index("Before the maths.") : tex.index("After the maths.")]
    assert "\\begin{equation*}\nE = mc^2 \\tag{1}\n\\end{equation*}" in body
    assert re.search(r"\\begin\{align\*\}\na &= b \\tag\{2\} \\\\\nc &= d \\tag\{3\}\n", body)
    assert "\\begin{split}" in body  # the formula without a tag keeps Sphinx's display
    assert not re.search(r"\\begin\{split\}[^$]*\\tag", body)
    assert "\\[ x^n" not in body
    assert "x^n + y^n = z^n" in body


def test_mathjax_gets_katex_and_site_macros_under_the_projects_own(tmp_path: Path) -> None:
    conf = MACROS + (
        'mathjax3_config = {"tex": {"macros": {"h": "\\\\hslash"}}, "loader": {"load": []}}\n'
    )
    result = build(_project(tmp_path, conf), "html")
    page = BeautifulSoup(result.html("post"), "html.parser")
    script = next(s.string for s in page.select("script") if s.string and "MathJax" in s.string)
    config = json.loads(script.split("=", 1)[1])
    assert config["loader"] == {"load": []}  # the project's configuration is kept
    macros = config["tex"]["macros"]
    assert macros["h"] == "\\hslash"  # the project's MathJax macro wins over the site's
    assert macros["v"] == ["\\mathbf{#1}", 1]
    assert macros["R"] == "\\mathbb{R}"
    assert macros["Bbb"] == ["\\mathbb{#1}", 1]
    assert "bad name" not in macros
    assert "lt" not in macros  # MathJax has its own
    shown = [div.get_text() for div in page.select("div.math")]
    assert shown[0].strip() == "\\begin{equation*}\nE = mc^2 \\tag{1}\n\\end{equation*}"
    assert shown[2].strip() == "\\[x^n + y^n = z^n\\]"


def test_katex_macros_are_read_from_the_style_file() -> None:
    macros = katex_macros()
    for name in ("R", "N", "Z", "Q", "Reals", "reals", "natnums", "Complex", "cnums"):
        assert re.fullmatch(r"\\mathbb\{[NZQRC]\}", str(macros[name])), name
    assert macros["bold"] == ["\\mathbf{#1}", 1]
    assert "lt" not in macros
    assert "require" not in macros


@pytest.mark.slow
def test_the_maths_compiles(tmp_path: Path) -> None:
    if shutil.which("latexmk") is None or shutil.which("pdflatex") is None:
        pytest.skip("latexmk is not installed: the LaTeX is not compiled")
    result = build(_project(tmp_path), "latex")
    tex_file = next(result.outdir.glob("*.tex"))
    compiled = subprocess.run(
        ["latexmk", "-pdf", "-interaction=nonstopmode", "-halt-on-error", tex_file.name],
        cwd=result.outdir,
        capture_output=True,
        text=True,
        check=False,
    )
    log = tex_file.with_suffix(".log").read_text(encoding="utf-8", errors="replace")
    # (pdflatex writes the ř of the text with the accent \v, which the site's \v
    # replaces in maths only: redefined everywhere, the text would stop the compilation)
    assert compiled.returncode == 0, log[-3000:]
