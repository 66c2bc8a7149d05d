"""Build mmark documents (Hugo posts, Internet-Drafts, books) with Sphinx."""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

__version__ = "0.1.0"


def setup(app: Sphinx) -> dict[str, Any]:
    """Register sphinx-mmark: ``extensions = ["sphinx_mmark"]`` is all a project adds."""
    from . import config
    from .bibliography import setup_citations
    from .environment import forget_earlier_build
    from .hugo import setup_hugo
    from .nodes.register import register_nodes
    from .rfcxml import setup_rfcxml
    from .sphinx_ext import source_scan
    from .sphinx_ext.encoding import setup_encoding
    from .sphinx_ext.images import setup_images
    from .sphinx_ext.latex_engine import setup_latex_engine
    from .sphinx_ext.latex_images import setup_latex_images
    from .sphinx_ext.latex_lists import setup_latex_lists
    from .sphinx_ext.latex_title import setup_latex_title
    from .sphinx_ext.math_macros import setup_math_macros
    from .sphinx_ext.numbering import setup_numbering
    from .sphinx_ext.parsers import MarkdownParser, MmarkParser, load_reader
    from .sphinx_ext.transforms import setup_transforms
    from .sphinx_ext.xrefs import setup_xrefs

    # MyST-Parser supplies the Markdown rendering we build on; loading it here is
    # a no-op when the project lists it too (and then .md files may be MyST).
    app.setup_extension("myst_parser")
    config.register(app)
    app.add_source_suffix(".mmark", "mmark")
    app.add_source_parser(MmarkParser)
    app.add_source_parser(MarkdownParser, override=True)
    app.connect("env-before-read-docs", load_reader)
    app.connect("env-before-read-docs", forget_earlier_build)
    # before numbering.enable_numfig (700), which reads the "auto" numfig it settles
    app.connect("config-inited", source_scan.scan_sources, priority=650)
    setup_encoding(app)
    setup_xrefs(app)
    setup_citations(app)
    register_nodes(app)
    setup_transforms(app)
    setup_numbering(app)
    setup_images(app)
    setup_latex_engine(app)
    setup_latex_images(app)
    setup_latex_lists(app)
    setup_math_macros(app)
    setup_latex_title(app)
    setup_hugo(app)
    setup_rfcxml(app)
    return {
        "version": __version__,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
        "env_version": 1,
    }


def __getattr__(name: str) -> Any:
    """``sphinx_mmark.Shortcode``, imported on first use (``import sphinx_mmark`` stays cheap)."""
    if name == "Shortcode":
        from .render.shortcodes import Shortcode

        return Shortcode
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
