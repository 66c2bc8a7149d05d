"""What keeps a large site's generated list pages cheap.

A site of 800 posts and 50 tags has hundreds of generated list pages (terms and
their pages 2, 3…); rendering each with a theme that draws the whole site's
navigation cost a quarter of a fresh build, and all of it again on a rebuild
with nothing to do (``benchmarks/hugo_site.py``). Two things bring it down:

* **the same navigation is drawn once**: Sphinx's ``toctree`` template function
  (what sphinx-book-theme's sidebar and the pydata theme's header are drawn from)
  gives the same result for every generated page at the same place relative to
  the documents (no generated page is in a toctree, so none is "current"; its
  links are relative, and depend only on how deep the page is and on which
  folders it shares with documents), so the first result is reused by the pages
  that share that place. The function is wrapped before the theme's own
  ``html-page-context`` handlers run, as they draw the sidebars there. The themes'
  sidebar navigation (``sbt-sidebar-nav.html``, ``sidebar-nav-bs.html``) then
  reworks that HTML for every page (``generate_toctree_html``, a parse of the
  whole site's navigation); on a generated page the template is drawn through a
  wrapper that hands it the result of the first page at the same place;
* **an unchanged page is not written again**: a fingerprint of each generated
  page (its name, title and body, the configuration, and when documents were last
  read, as the navigation depends on them) is kept in the doctree folder; a page
  whose fingerprint is unchanged and whose file exists is left as it is.
"""

from __future__ import annotations

import hashlib
import json
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.jinja2glue import BuiltinTemplateLoader, SphinxFileSystemLoader
from sphinx.util.osutil import SEP

LIST_CONTEXT = "hugo_list"
"""The key of a generated list page's template context (:mod:`.lists`)."""
_STORE = "sphinx-mmark-generated-pages.json"

_NAVIGATION: weakref.WeakKeyDictionary[Sphinx, dict[object, Any]] = weakref.WeakKeyDictionary()
_FINGERPRINTS: weakref.WeakKeyDictionary[Sphinx, dict[str, str]] = weakref.WeakKeyDictionary()
_PREFIXES: weakref.WeakKeyDictionary[Sphinx, frozenset[tuple[str, ...]]] = (
    weakref.WeakKeyDictionary()
)


def unchanged(app: Sphinx, name: str, title: str, body: str) -> bool:
    """Whether the generated page ``name`` would be written as it was last time (and
    its file is still there); records its fingerprint for the next build either way."""
    builder = app.builder
    assert isinstance(builder, StandaloneHTMLBuilder)
    seen = _fingerprints(app)
    mark = _fingerprint(app, name, title, body)
    before = seen.get(name)
    seen[name] = mark
    return before == mark and builder.get_output_path(name).is_file()


def _fingerprint(app: Sphinx, name: str, title: str, body: str) -> str:
    builder = app.builder
    info = getattr(builder, "build_info", None)
    read = max(app.env.all_docs.values(), default=0)
    parts = [
        name,
        title,
        body,
        str(getattr(info, "config_hash", "")),
        str(getattr(info, "tags_hash", "")),
        str(read),
        str(len(app.env.all_docs)),
    ]
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


def _store_path(app: Sphinx) -> Path:
    return Path(app.doctreedir, _STORE)


def _fingerprints(app: Sphinx) -> dict[str, str]:
    if app not in _FINGERPRINTS:
        try:
            loaded = json.loads(_store_path(app).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            loaded = {}
        kept = loaded.get(app.builder.name) if isinstance(loaded, dict) else None
        _FINGERPRINTS[app] = dict(kept) if isinstance(kept, dict) else {}
    return _FINGERPRINTS[app]


def save_fingerprints(app: Sphinx, exception: Exception | None) -> None:
    """Keep this build's fingerprints for the next one (a ``build-finished`` handler)."""
    seen = _FINGERPRINTS.pop(app, None)
    _NAVIGATION.pop(app, None)
    _PREFIXES.pop(app, None)
    _WRAPPED.pop(app, None)
    if seen is None or exception is not None:
        return
    path = _store_path(app)
    try:
        loaded = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        loaded = {}
    stored = loaded if isinstance(loaded, dict) else {}
    stored[app.builder.name] = seen
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(stored, sort_keys=True), encoding="utf-8")
    except OSError:
        pass  # a read-only doctree folder only costs speed


NAVIGATION_PRIORITY = 400
"""Before the themes' ``html-page-context`` handlers (500), which draw the sidebars."""

SHARED_NAVIGATION_TEMPLATES = {
    "sbt-sidebar-nav.html": "sphinx-mmark-shared-sbt-sidebar-nav.html",
    "sidebar-nav-bs.html": "sphinx-mmark-shared-sidebar-nav-bs.html",
}
"""A theme's sidebar navigation template → its wrapper for generated pages, which draws
it with ``generate_toctree_html`` shared by the pages at the same place."""
_SHARED_FUNCTION = "sphinx_mmark_shared_toctree_html"
"""The shared function, as the wrappers (``templates/``) name it."""
_TEMPLATES = Path(__file__).with_name("templates")
_WRAPPED: weakref.WeakKeyDictionary[Sphinx, bool] = weakref.WeakKeyDictionary()


def add_navigation_wrappers(app: Sphinx) -> None:
    """Make the wrapper templates known to an HTML builder (a ``builder-inited``
    handler); without Sphinx's own template loader the pages draw their navigation
    each."""
    templates = getattr(app.builder, "templates", None)
    if not isinstance(templates, BuiltinTemplateLoader):
        return
    templates.loaders.append(SphinxFileSystemLoader(str(_TEMPLATES)))
    _WRAPPED[app] = True


def share_navigation(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Let the generated list pages at the same place share the ``toctree`` template
    function's results (an ``html-page-context`` handler, run before the theme's)."""
    draw = context.get("toctree")
    if LIST_CONTEXT not in context or not callable(draw):
        return
    cache = _NAVIGATION.setdefault(app, {})
    place = _place(app, pagename)
    context["toctree"] = _shared(draw, cache, place)
    if _WRAPPED.get(app) and isinstance(context.get("sidebars"), list):
        context[_SHARED_FUNCTION] = _shared_html(context, cache, place)
        context["sidebars"] = [
            SHARED_NAVIGATION_TEMPLATES.get(name, name) for name in context["sidebars"]
        ]


def _shared_html(context: dict[str, Any], cache: dict[object, Any], place: object) -> Any:
    """The theme's ``generate_toctree_html`` of this page (it is in the context when the
    sidebar is drawn), its sidebar HTML shared by the pages at ``place``."""

    def generate_toctree_html(*args: Any, **kwargs: Any) -> Any:
        if (args[0] if args else kwargs.get("kind")) != "sidebar":  # a tree to work on
            return context["generate_toctree_html"](*args, **kwargs)
        key = ("html", place, repr(args), repr(sorted(kwargs.items())))
        if key not in cache:
            made = context["generate_toctree_html"](*args, **kwargs)
            cache[key] = str(made)  # (the theme's parsed tree, as the template writes it)
        return cache[key]

    return generate_toctree_html


def _shared(draw: Callable[..., Any], cache: dict[object, Any], place: object) -> Any:
    def toctree(**kwargs: Any) -> Any:
        key = (place, repr(sorted(kwargs.items())))
        if key not in cache:
            cache[key] = draw(**kwargs)
        return cache[key]

    return toctree


def _place(app: Sphinx, pagename: str) -> tuple[int, tuple[str, ...]]:
    """What a relative link from ``pagename`` to a document depends on: the depth of its
    URI, and its leading folders that some document's URI shares."""
    folders = app.builder.get_target_uri(pagename).split(SEP)[:-1]
    prefixes = _document_prefixes(app)
    shared = 0
    while shared < len(folders) and tuple(folders[: shared + 1]) in prefixes:
        shared += 1
    return len(folders), tuple(folders[:shared])


def _document_prefixes(app: Sphinx) -> frozenset[tuple[str, ...]]:
    """Every leading run of folders of a document's URI."""
    if app not in _PREFIXES:
        found: set[tuple[str, ...]] = set()
        for docname in app.env.all_docs:
            folders = app.builder.get_target_uri(docname).split(SEP)[:-1]
            found.update(tuple(folders[:i]) for i in range(1, len(folders) + 1))
        _PREFIXES[app] = frozenset(found)
    return _PREFIXES[app]
