"""TeX macros that the readers' MathJax or KaTeX knew: in LaTeX, and for MathJax.

Posts were written for a browser: they use MathJax's ``\\lt`` and ``\\gt`` and KaTeX's
``\\R``, ``\\N``, ``\\Reals``, ``\\Bbb``, ``\\bold``…, which LaTeX lacks, and the macros
their site's theme defined (``mmark_math_macros``).

* LaTeX: ``assets/sphinxmmarkmath.sty`` provides the built-in ones at the start of the
  document (``\\providecommand``: a definition in the preamble wins). The site's macros
  are appended to the copy written to the output folder, defined inside every formula
  (``\\everymath``, ``\\everydisplay``), so that one named like a text command (``\\v``,
  an accent) replaces it in maths only.
* MathJax: KaTeX's macros (the part of the style file marked for it) and the site's are
  merged into ``mathjax3_config["tex"]["macros"]`` (``mathjax4_config`` when only that
  one is set); a macro the project's configuration defines there wins.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config

from ..config import mmark_settings
from ..nodes.assets import ASSETS

STY = "sphinxmmarkmath"
_SITE_MARKER = "%% site macros (mmark_math_macros)\n"
_KATEX = re.compile(
    r"%% KaTeX's macros, given to MathJax too.*?\n(?P<body>.*?)%% end of KaTeX's macros", re.S
)
_PROVIDE = re.compile(
    r"\\providecommand\*?\{\\(?P<name>[A-Za-z]+)\}(?:\[(?P<n>\d)\])?\{(?P<d>.*)\}%"
)


def katex_macros() -> dict[str, str | list[str | int]]:
    """KaTeX's macros that MathJax lacks, as the style file defines them, in
    MathJax's form (name → definition, or → [definition, number of arguments])."""
    text = (ASSETS / f"{STY}.sty").read_text(encoding="utf-8")
    match = _KATEX.search(text)
    assert match is not None, f"{STY}.sty marks KaTeX's macros"
    macros: dict[str, str | list[str | int]] = {}
    for line in match["body"].splitlines():
        provide = _PROVIDE.search(line)
        if provide is not None:
            nargs = int(provide["n"] or 0)
            macros[provide["name"]] = [provide["d"], nargs] if nargs else provide["d"]
    return macros


def site_macros_latex(macros: dict[str, tuple[str, int]]) -> str:
    """The LaTeX that defines the site's ``macros`` inside every formula."""
    if not macros:
        return ""
    lines = ["\\def\\sphinxmmarkmathsite{%"]
    for name, (definition, nargs) in macros.items():
        arguments = f"[{nargs}]" if nargs else ""
        body = definition.replace("#", "##")  # (an argument inside \def's body)
        lines.append(
            f"  \\providecommand{{\\{name}}}{{}}\\renewcommand{{\\{name}}}{arguments}{{{body}}}%"
        )
    lines += [
        "}",
        "\\AtBeginDocument{%",
        "  \\everymath\\expandafter{\\the\\everymath\\sphinxmmarkmathsite}%",
        "  \\everydisplay\\expandafter{\\the\\everydisplay\\sphinxmmarkmathsite}}",
        "",
    ]
    return "\n".join(lines)


def style_file(macros: dict[str, tuple[str, int]]) -> str:
    """The text of ``sphinxmmarkmath.sty`` for a project with these site ``macros``."""
    text = (ASSETS / f"{STY}.sty").read_text(encoding="utf-8")
    return text.replace(_SITE_MARKER, _SITE_MARKER + site_macros_latex(macros))


def _merge_mathjax(app: Sphinx, config: Config) -> None:
    """Give MathJax KaTeX's macros and the site's, under the project's own."""
    if "mathjax3_config" not in config:
        return  # no MathJax in this project
    site = mmark_settings(config).math_macros
    ours: dict[str, Any] = katex_macros()
    for name, (definition, nargs) in site.items():
        ours[name] = [definition, nargs] if nargs else definition
    key = "mathjax4_config" if config.mathjax4_config and not config.mathjax3_config else None
    key = key or "mathjax3_config"
    merged: dict[str, Any] = copy.deepcopy(config[key] or {})
    tex = merged.setdefault("tex", {})
    if not isinstance(tex, dict) or not isinstance(tex.get("macros", {}), dict):
        return  # a configuration of a shape we do not know: left as it is
    tex["macros"] = {**ours, **tex.get("macros", {})}
    config[key] = merged


def _write_style(app: Sphinx, exception: Exception | None) -> None:
    if exception is None and app.builder.format == "latex":
        text = style_file(dict(mmark_settings(app.config).math_macros))
        Path(app.outdir, f"{STY}.sty").write_text(text, encoding="utf-8")


def setup_math_macros(app: Sphinx) -> None:
    """Load the style file in LaTeX and give MathJax the macros (after validation)."""
    app.add_latex_package(STY)
    app.connect("config-inited", _merge_mathjax, priority=800)
    app.connect("build-finished", _write_style)
