"""LaTeX output that compiles: the engine follows the text (``sphinx_ext/latex_engine.py``)
and images LaTeX cannot include become placeholders (``sphinx_ext/latex_images.py``).

The PDF itself is compiled by the slow ``tests/test_corpus_pdf.py``; here, the ``.tex`` file
and ``latexmkrc`` that Sphinx writes are read."""

from __future__ import annotations

import base64
import shutil
import subprocess
from pathlib import Path

import pytest

from sphinx_mmark.sphinx_ext.latex_engine import CJK, UNICODE, scripts_of
from sphinx_mmark.sphinx_ext.latex_images import imagemagick_installed

from .helpers import Build, build, write_project

INDEX = "Book\n====\n\n.. toctree::\n\n   post\n"
# a 1x1 GIF and a 1x1 PNG
GIF = base64.b64decode("R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==")
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


@pytest.mark.parametrize(
    ("text", "needs"),
    [
        ("plain ASCII, naïve café, Œuvre, Łódź", set()),
        ("dashes \N{EN DASH} \N{EM DASH} quotes \u2018\u2019 \u201c\u201d … † ™ €, → ∞ ²", set()),
        ("x \N{MINUS SIGN} y", {UNICODE}),
        ("A ⇒ B", {UNICODE}),
        ("λ-calculus", {UNICODE}),
        ("ᚠᚢᚦ runes", {UNICODE}),
        ("한국어 글", {UNICODE, CJK}),
        ("这里是中文", {UNICODE, CJK}),
    ],
)
def test_what_the_text_needs(text: str, needs: set[str]) -> None:
    assert scripts_of(text) == needs


def _latex(tmp_path: Path, post: str, conf: str = "", **files: bytes) -> Build:
    write_project(tmp_path / "src", {"index.rst": INDEX, "post.md": post, **files}, conf=conf)
    return build(tmp_path / "src", "latex")


def _engine(result: Build) -> str:
    rc = (result.outdir / "latexmkrc").read_text(encoding="utf-8")
    return rc.split("$pdflatex = '", 1)[1].split(" ", 1)[0]


def _tex(result: Build) -> str:
    (tex,) = result.outdir.glob("*.tex")
    return tex.read_text(encoding="utf-8")


def test_latin_text_keeps_pdflatex(tmp_path: Path) -> None:
    result = _latex(tmp_path, "# Post\n\nA café — “quoted” → done.\n")
    assert _engine(result) == "pdflatex"
    assert "IfFontExistsTF" not in _tex(result)


def test_korean_text_switches_to_xelatex_with_a_cjk_font(tmp_path: Path) -> None:
    result = _latex(tmp_path, "# 글\n\n한국어 문장입니다. x \N{MINUS SIGN} y\n")
    assert _engine(result) == "xelatex"
    tex = _tex(result)
    assert r"\setmainfont{Noto Serif CJK SC}" in tex
    assert "한국어 문장입니다" in tex
    assert r"\usepackage{fontspec}" in tex  # Sphinx's xelatex settings were taken
    assert r"\usepackage[utf8]{inputenc}" not in tex


def test_a_minus_sign_switches_to_xelatex_without_cjk_fonts(tmp_path: Path) -> None:
    result = _latex(tmp_path, "# Post\n\nx \N{MINUS SIGN} y\n")
    assert _engine(result) == "xelatex"
    tex = _tex(result)
    assert r"\setmainfont{DejaVu Serif}" in tex
    assert "CJK" not in tex


def test_the_projects_engine_wins(tmp_path: Path) -> None:
    result = _latex(tmp_path, "# 글\n\n한국어\n", conf='latex_engine = "lualatex"\n')
    assert _engine(result) == "lualatex"
    assert "Noto Serif CJK" not in _tex(result)


def test_an_included_file_counts(tmp_path: Path) -> None:
    post = "# Post\n\n<{{code.go}}\n"
    result = _latex(tmp_path, post, **{"code.go": "r := 'ᚠ' // a rune\n".encode()})
    assert "ᚠ" in _tex(result), "the include was not read"
    assert _engine(result) == "xelatex"


def test_gif_and_missing_images(tmp_path: Path) -> None:
    post = (
        "# Post\n\n![the dot](dot.png)\n\n![an animation](anim.gif)\n\n"
        "![gone](nowhere/gone.png)\n\ntext ![inline gone](gone2.jpg) text\n"
    )
    result = _latex(tmp_path, post, **{"dot.png": PNG, "anim.gif": GIF})
    tex = _tex(result)
    assert r"\sphinxincludegraphics{{dot}.png}" in tex
    # (LaTeX escapes [ and ] as {[} and {]})
    role = r"\DUrole{mmark-image-placeholder}"
    assert role + "{{[}image not found: nowhere/gone.png \u2014 gone{]}}" in tex
    assert "text " + role + "{{[}image not found: gone2.jpg \u2014 inline gone{]}} text" in tex
    assert "gone}.png" not in tex
    assert "gone2}.jpg" not in tex
    lines = result.warning_lines()
    if imagemagick_installed():
        assert r"{{anim}.png}" in tex
        assert not any("mmark.image" in line for line in lines), lines
    else:
        assert role + "{{[}image: anim.gif \u2014 an animation{]}}" in tex
        assert ".gif}" not in tex
        gif = [line for line in lines if "anim.gif" in line]
        assert len(gif) == 1, lines
        assert "format LaTeX cannot include (image/gif)" in gif[0]
        assert "[mmark.image]" in gif[0]
    # the missing files: Sphinx's own warning only, no second one
    gone = [line for line in lines if "gone.png" in line]
    assert len(gone) == 1, lines
    assert "image.not_readable" in gone[0], lines


def test_html_keeps_the_images(tmp_path: Path) -> None:
    write_project(
        tmp_path / "src",
        {"index.rst": INDEX, "post.md": "# Post\n\n![gone](gone.png)\n", "anim.gif": GIF},
    )
    result = build(tmp_path / "src", "html")
    assert 'src="gone.png"' in result.html("post")
    assert "image not found" not in result.html("post")


def _nested_list(levels: int) -> str:
    return "".join("  " * level + f"- level {level + 1}\n" for level in range(levels))


def test_deeply_nested_lists_raise_the_latex_limit(tmp_path: Path) -> None:
    result = _latex(tmp_path, "# Post\n\n" + _nested_list(9))
    assert "maxlistdepth=12" in _tex(result)


def test_the_projects_list_depth_wins(tmp_path: Path) -> None:
    result = _latex(tmp_path, "# Post\n\n- x\n", conf="latex_elements = {'maxlistdepth': '7'}\n")
    assert "maxlistdepth=7" in _tex(result)


@pytest.mark.slow
def test_nine_nested_levels_compile(tmp_path: Path) -> None:
    if shutil.which("latexmk") is None or shutil.which("pdflatex") is None:
        pytest.skip("latexmk is not installed (Debian package latexmk): the LaTeX is not compiled")
    result = _latex(tmp_path, "# Post\n\n" + _nested_list(9) + "\n> - quoted\n>   - list\n")
    (tex,) = result.outdir.glob("*.tex")
    compiled = subprocess.run(
        ["latexmk", "-pdf", "-interaction=nonstopmode", "-halt-on-error", tex.name],
        cwd=result.outdir,
        capture_output=True,
        text=True,
        check=False,
    )
    log = tex.with_suffix(".log").read_text(encoding="utf-8", errors="replace")
    assert compiled.returncode == 0, log[-2000:]
    assert (
        "level 9"
        in subprocess.run(
            ["pdftotext", str(tex.with_suffix(".pdf")), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
