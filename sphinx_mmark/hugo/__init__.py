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
from .builder import HugoBuilder
from .bundles import setup_bundles
from .feeds import setup_feeds
from .home import add_home, choose_root_doc
from .lastmod import last_updated
from .lists import setup_lists
from .model import forget_site
from .not_found import setup_not_found
from .post_meta import setup_post_meta
from .redirects import write_redirects
from .robots import setup_robots
from .sections import SectionToctrees, outdated_indexes
from .site import SourceError, read_site
from .sitemap import setup_sitemap
from .static import StaticImages
from .summaries import setup_summaries

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
        configured=site.config_file is not None,
        title=site.title,
        base_url=site.base_url,
        language_code=site.language_code,
        taxonomies=site.taxonomies,
        pager_size=site.pager_size,
        rss_limit=site.rss_limit,
        robots_txt=site.robots_txt,
        summary_length=site.summary_length,
        disabled_kinds=site.disabled_kinds,
    )
    set_hugo_site(config, found)
    if not settings.hugo_params:
        config.mmark_hugo_params = site.params


def setup_hugo(app: Sphinx) -> None:
    """Register the Hugo-site support."""
    # after config.validate (500), before the source scan (650) that reads the taxonomies
    app.connect("config-inited", read_hugo_config, priority=600)
    app.connect("config-inited", choose_root_doc, priority=610)
    app.connect("env-get-outdated", add_home)
    app.connect("env-updated", forget_site)
    app.add_builder(HugoBuilder)
    app.add_transform(SectionToctrees)
    app.add_transform(StaticImages)
    app.add_transform(PostDocinfo)
    setup_post_meta(app)
    app.connect("env-get-outdated", outdated_indexes)
    app.connect("html-page-context", last_updated)
    app.connect("build-finished", write_redirects)
    setup_lists(app)
    setup_summaries(app)
    setup_bundles(app)
    setup_feeds(app)
    setup_sitemap(app)
    setup_robots(app)
    setup_not_found(app)
