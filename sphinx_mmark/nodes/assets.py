"""The CSS and LaTeX style files in ``sphinx_mmark/assets/``: registered and copied out."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util.fileutil import copy_asset_file
from sphinx.util.osutil import ensuredir

ASSETS = Path(__file__).parent.parent / "assets"


def register_assets(app: Sphinx, css: str, sty: str) -> None:
    """Link ``assets/<css>`` in HTML pages and load ``assets/<sty>.sty`` in LaTeX output."""
    app.add_css_file(css)
    app.add_latex_package(sty)

    def copy(app: Sphinx, exception: Exception | None) -> None:
        if exception is not None:
            return
        if app.builder.format == "html":
            static = Path(app.outdir) / "_static"
            ensuredir(static)
            copy_asset_file(ASSETS / css, static)
        elif app.builder.format == "latex":
            copy_asset_file(ASSETS / f"{sty}.sty", Path(app.outdir))

    app.connect("build-finished", copy)
