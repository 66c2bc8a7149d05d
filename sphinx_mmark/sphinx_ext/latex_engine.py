"""The LaTeX engine for the text: ``xelatex`` when pdflatex cannot typeset a character.

pdflatex, as Sphinx sets it up, typesets ASCII, Latin-1, Latin Extended-A, the common
punctuation (dashes, quotes, daggers, ellipsis, ``™``, ``€``) and the symbols Sphinx's
LaTeX writer spells out (``→``, ``∞``, superscript digits…). Any other character (a
post in Korean or Chinese, Greek or Cyrillic prose, U+2212 (minus), arrows such as ``⇒``,
Go runes in an included file) stops it with ``! LaTeX Error: Unicode character … not
set up for use with LaTeX``. So:

* after a document is read, the characters of its text (code and included files too)
  are checked; a document with a character outside that set is remembered;
* when the LaTeX builder writes, and the project did not set ``latex_engine`` itself,
  one such document anywhere switches the whole LaTeX output to ``xelatex`` (one engine
  per build: the documents share a preamble). Fonts with a wide coverage are then
  chosen, each only if it is installed (else fontspec's Latin Modern stays): DejaVu
  Serif, Sans and Sans Mono; or, when the text has CJK characters (Han, Hangul, Kana),
  the Noto CJK fonts (Debian ``fonts-noto-cjk``) or else Droid Sans Fallback for the
  whole text (they have Latin, Greek and Cyrillic too; no ``xeCJK``, which needs
  TeX Live's large Chinese collection), with line breaks allowed between ideographs.
  A ``fontpkg`` of the project's
  ``latex_elements`` wins. The index is made with ``makeindex`` (Sphinx's xelatex
  default, ``xindy``, is a separate install), unless ``latex_use_xindy`` is set.

A project that sets ``latex_engine`` keeps it, and its fonts. The PDF of a project that
only has pdflatex-safe text is unchanged (pdflatex, Sphinx's fonts).
"""

from __future__ import annotations

import re
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders.latex import LaTeXBuilder
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.util.texescape import tex_replacements, unicode_tex_replacements

from ..environment import kept_on, take_documents

UNICODE = "unicode"
"""A document needs a Unicode engine."""
CJK = "cjk"
"""A document has CJK characters (it needs a CJK font too)."""

_ENV_NAME = "sphinx_mmark_latex_scripts"

_PDFLATEX_PUNCTUATION = "\u2013\u2014\u2018\u2019\u201a\u201c\u201d\u201e\u2020\u2021\u2022"
_PDFLATEX_PUNCTUATION += "\u2026\u2030\u2039\u203a\u20ac\u2122\ufeff"
_PDFLATEX_SAFE = {*_PDFLATEX_PUNCTUATION, *(c for c, _ in tex_replacements)}
_PDFLATEX_SAFE.update(c for c, _ in unicode_tex_replacements)
_BEYOND_LATIN = re.compile(r"[^\x00-\u017f]")
_CJK = re.compile(
    "[\u1100-\u11ff\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3130-\u318f\u31f0-\u31ff"
    "\u3200-\u9fff\ua960-\ua97f\uac00-\ud7ff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
    "\U00020000-\U0003ffff]"
)

SPACES = r"""
\catcode`^^^^202f=\active\protected\def^^^^202f{\leavevmode\nobreak\,}
\catcode`^^^^200b=\active\protected\def^^^^200b{\hspace{0pt}}
"""
"""Narrow no-break and zero-width spaces, which few fonts have, as TeX spacing."""

_DEJAVU = r"""
\IfFontExistsTF{DejaVu Serif}{\setmainfont{DejaVu Serif}}{}
\IfFontExistsTF{DejaVu Sans}{\setsansfont{DejaVu Sans}}{}
\IfFontExistsTF{DejaVu Sans Mono}{\setmonofont{DejaVu Sans Mono}[Scale=0.85]}{}
"""
FONTS = SPACES + _DEJAVU
"""``fontpkg`` of the switched build: wide coverage where installed."""

CJK_FONTS = (
    ("Noto Serif CJK SC", "Noto Sans CJK SC", "Noto Sans Mono CJK SC"),
    ("Droid Sans Fallback", "Droid Sans Fallback", "Droid Sans Fallback"),
)
"""The CJK font sets tried (serif, sans, mono), the first installed wins. Their fonts
have Latin, Greek and Cyrillic letters too, so the whole text is set in them."""


def cjk_setup(fonts: tuple[tuple[str, str, str], ...] = CJK_FONTS) -> str:
    """LaTeX choosing the first installed set of ``fonts`` for the whole text, with line
    breaks between ideographs; none installed: :data:`FONTS` and a LaTeX warning (the
    CJK characters are then missing from the PDF)."""
    chosen = _DEJAVU.strip() + r"\PackageWarningNoLine{sphinx-mmark}{no CJK font is "
    chosen += "installed (tried: " + ", ".join(serif for serif, _, _ in fonts)
    chosen += r"); CJK characters are missing from the PDF}"
    for serif, sans, mono in reversed(fonts):
        use = rf"\setmainfont{{{serif}}}\setsansfont{{{sans}}}\setmonofont{{{mono}}}[Scale=0.85]"
        chosen = rf"\IfFontExistsTF{{{serif}}}{{{use}}}{{{chosen}}}"
    breaks = r'\XeTeXlinebreaklocale "zh" \XeTeXlinebreakskip=0pt plus 1pt'
    return f"{SPACES}{chosen}\n{breaks}\n"


def scripts_of(text: str) -> set[str]:
    """What typesetting ``text`` needs: :data:`UNICODE`, :data:`CJK`, or nothing."""
    needs: set[str] = set()
    for match in _BEYOND_LATIN.finditer(text):
        char = match.group()
        if char in _PDFLATEX_SAFE:
            continue
        needs.add(UNICODE)
        if _CJK.match(char):
            needs.add(CJK)
            break  # nothing more to learn
    return needs


def _scripts(env: BuildEnvironment) -> dict[str, list[str]]:
    return kept_on(env, _ENV_NAME, dict)


def record_scripts(app: Sphinx, doctree: nodes.document) -> None:
    """Remember what the text of the document just read needs (``doctree-read``)."""
    needs: set[str] = set()
    for text in doctree.findall(nodes.Text):
        needs |= scripts_of(str(text))
        if CJK in needs:
            break
    scripts = _scripts(app.env)
    if needs:
        scripts[app.env.docname] = sorted(needs)
    else:
        scripts.pop(app.env.docname, None)


def purge_scripts(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    _scripts(env).pop(docname, None)


def merge_scripts(
    app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment
) -> None:
    take_documents(_scripts(env), _scripts(other), docnames)


def _set_by_project(config: Config, name: str) -> bool:
    raw: dict[str, Any] = getattr(config, "_raw_config", {})
    overrides: dict[str, Any] = getattr(config, "overrides", {})
    return name in raw or name in overrides


def choose_engine(app: Sphinx, env: BuildEnvironment) -> None:
    """Switch the LaTeX output to xelatex when a document needs it (``env-updated``)."""
    builder = app.builder
    config = app.config
    if not isinstance(builder, LaTeXBuilder) or _set_by_project(config, "latex_engine"):
        return
    if config.latex_engine != "pdflatex":
        return  # Sphinx's choice for the project's language
    needs: set[str] = set()
    for docname, found in _scripts(env).items():
        if docname in env.found_docs:
            needs.update(found)
    if UNICODE not in needs:
        return
    config.latex_engine = "xelatex"
    if not _set_by_project(config, "latex_use_xindy"):
        config.latex_use_xindy = False
    # the builder read the engine's settings when it started: read them again
    builder.init_context()
    builder.init_babel()
    builder.init_multilingual()
    if "fontpkg" not in config.latex_elements:
        builder.context["fontpkg"] = cjk_setup() if CJK in needs else FONTS


def setup_latex_engine(app: Sphinx) -> None:
    """Register the engine choice (see the module docstring)."""
    app.connect("doctree-read", record_scripts)
    app.connect("env-purge-doc", purge_scripts)
    app.connect("env-merge-info", merge_scripts)
    app.connect("env-updated", choose_engine)
