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

from ..config import HugoSiteSettings, mmark_settings, set_hugo_site
from ..warnings_ import MmarkWarning, warn
from .ablog import PostDocinfo
from .lastmod import last_updated
from .redirects import write_redirects
from .sections import SectionToctrees, outdated_indexes
from .site import SourceError, read_site
from .static import StaticImages

__all__ = ["setup_hugo"]


def read_hugo_config(app: Sphinx, config: Config) -> None:
    """Read the Hugo site named by ``mmark_hugo_root`` into the configuration.

    What the site says is kept with :func:`~sphinx_mmark.config.set_hugo_site`;
    its ``params`` become ``mmark_hugo_params`` unless the project sets those.
    """
    settings = mmark_settings(config)
    if not settings.hugo_root:
        return
    root = Path(app.confdir or app.srcdir, settings.hugo_root)
    if not root.is_dir():
        warn(
            f"mmark_hugo_root names {root}, which is no folder: the Hugo site is not read",
            MmarkWarning.CONFIG,
            location=None,
        )
        return
    try:
        site = read_site(root)
    except SourceError as error:
        warn(f"mmark_hugo_root: {error}", MmarkWarning.HUGO, location=None)
        return
    for problem in site.problems:
        warn(problem, MmarkWarning.HUGO, location=None)
    found = HugoSiteSettings(
        static_dirs=tuple(str(path) for path in site.static_dirs),
        permalinks=site.permalinks,
        lowercase_paths=site.lowercase_paths,
    )
    set_hugo_site(config, found)
    if not settings.hugo_params:
        config.mmark_hugo_params = site.params


def setup_hugo(app: Sphinx) -> None:
    """Register the Hugo-site support."""
    app.connect("config-inited", read_hugo_config, priority=800)
    app.add_transform(SectionToctrees)
    app.add_transform(StaticImages)
    app.add_transform(PostDocinfo)
    app.connect("env-get-outdated", outdated_indexes)
    app.connect("html-page-context", last_updated)
    app.connect("build-finished", write_redirects)
