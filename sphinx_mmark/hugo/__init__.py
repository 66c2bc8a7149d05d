"""Hugo sites built with Sphinx: sections, order, old URLs, static files, ABlog.

:func:`setup_hugo` is called by the extension's ``setup``. Most of it acts
only when ``mmark_hugo_root`` names the Hugo site (the ``sphinx-mmark build``
command sets it); ``aliases`` redirects, embeds, ``lastmod`` and the ABlog
glue work in any project.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config

from ..nodes.embeds import setup_embeds
from ..warnings_ import MmarkWarning, warn
from .ablog import PostDocinfo
from .lastmod import last_updated
from .redirects import write_redirects
from .sections import SectionToctrees, outdated_indexes
from .site import SourceError, read_site
from .static import StaticImages

__all__ = ["setup_hugo"]


def read_hugo_config(app: Sphinx, config: Config) -> None:
    """Read the Hugo site named by ``mmark_hugo_root`` into the configuration."""
    if not config.mmark_hugo_root:
        return
    root = Path(app.confdir or app.srcdir, config.mmark_hugo_root)
    try:
        site = read_site(root)
    except SourceError as error:
        warn(f"mmark_hugo_root: {error}", MmarkWarning.HUGO, location=None)
        return
    for problem in site.problems:
        warn(problem, MmarkWarning.HUGO, location=None)
    config._mmark_hugo_static = [str(path) for path in site.static_dirs]
    config._mmark_hugo_permalinks = site.permalinks
    config._mmark_hugo_lowercase = site.lowercase_paths
    if not config.mmark_hugo_params:
        config.mmark_hugo_params = site.params


def setup_hugo(app: Sphinx) -> None:
    """Register the Hugo-site support."""
    setup_embeds(app)
    app.connect("config-inited", read_hugo_config, priority=800)
    app.add_transform(SectionToctrees)
    app.add_transform(StaticImages)
    app.add_transform(PostDocinfo)
    app.connect("env-get-outdated", outdated_indexes)
    app.connect("html-page-context", last_updated)
    app.connect("build-finished", write_redirects)
