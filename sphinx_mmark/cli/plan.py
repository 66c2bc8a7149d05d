"""What a build reads and writes, and the Sphinx configuration it gets.

* A **Sphinx project** (``SRC/conf.py``) keeps its configuration; ``sphinx_mmark``
  is added to its extensions when it is missing.
* A **Hugo site** needs no ``conf.py``: the configuration is generated from the
  Hugo one (title, base URL, ``static/``, params) with sphinx-book-theme. The
  extension chooses the home page itself (``content/_index.md``, or a generated
  one), so the content is read where it is.
* A **folder of posts** is built like a Hugo site whose content is the folder.
* A **document file** (``draft.md``) is built alone, as the root document of a
  project in its folder (its includes resolve from there), with a generated
  configuration; nothing else in the folder is read as a page (``include_patterns``).
  Its output goes to ``FOLDER/_build/BUILDER`` by default and its state to
  ``FOLDER/.sphinx-mmark/NAME/BUILDER``.

Build state (doctrees, the saved environment) lives in ``SRC/.sphinx-mmark/BUILDER/``
(``--cacheDir DIR``: ``DIR/BUILDER/``), never in the published output folder.
"""

from __future__ import annotations

import argparse
import os
import pprint
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..hugo.confine import write_file
from ..hugo.site import HugoSite, SourceError, read_site
from .errors import CliError

THEME = "sphinx_book_theme"
"""The HTML theme of Hugo sites and folders of posts (a dependency of sphinx-mmark)."""
HTML_BUILDERS = frozenset({"hugo", "html", "dirhtml", "singlehtml"})
"""Builders whose output is a web site: their default output folder is ``SRC/public``."""
STATE = ".sphinx-mmark"
"""The folder of ``SRC`` that holds the build state by default."""
BUILDER_NAMES = frozenset(
    {*HTML_BUILDERS, "latex", "text", "man", "texinfo", "epub", "xml", "pseudoxml", "dummy",
     "linkcheck", "changes", "gettext"}
)  # fmt: skip
"""Sphinx's builders: a ``-b`` value among them is a builder given with Hugo's base-URL flag."""


@dataclass
class Plan:
    """How to run Sphinx for one source folder."""

    kind: str
    """``sphinx``, ``hugo``, ``posts`` or ``document``."""
    srcdir: Path
    confdir: Path | None
    """``None``: no ``conf.py``, the configuration is all in :attr:`overrides`."""
    builder: str
    output: Path
    state: Path
    """The doctree folder (the build state)."""
    overrides: dict[str, Any] = field(default_factory=dict)


def builder_of(kind: str, args: argparse.Namespace) -> str:
    """The builder: ``--builder``, else ``latex`` for ``--pdf``, else by the kind of source."""
    if args.pdf and args.builder not in (None, "latex"):
        raise CliError(f"--pdf builds with the latex builder, not {args.builder}")
    if args.builder:
        return str(args.builder)
    if args.pdf:
        return "latex"
    return "html" if kind in ("sphinx", "document") else "hugo"


def output_of(source: Path, args: argparse.Namespace, builder: str) -> Path:
    """``OUT`` or ``-d``; by default ``SRC/public`` (web builders) or ``SRC/_build/BUILDER``."""
    given = [Path(path) for path in (args.output, args.destination) if path is not None]
    if len({path.resolve() for path in given}) > 1:
        raise CliError("OUT and -d/--destination name different folders: give one")
    if given:
        return given[0].absolute()
    if builder in HTML_BUILDERS:
        return source / "public"
    return source / "_build" / builder


def state_of(source: Path, args: argparse.Namespace, builder: str) -> Path:
    """The doctree folder: ``CACHE/BUILDER``, ``CACHE`` being ``--cacheDir`` or
    ``SRC/.sphinx-mmark``."""
    cache = Path(args.cache_dir).resolve() if args.cache_dir else source / STATE
    return cache / builder


def check_paths(source: Path, output: Path, state: Path) -> None:
    """:class:`SourceError` when the output folder cannot hold this build."""
    output = output.resolve()
    if output.exists() and not output.is_dir():
        raise SourceError(f"the output {output} is not a folder")
    if output == source:
        raise SourceError(f"the output folder {output} is the source folder")
    if source.is_relative_to(output):
        raise SourceError(f"the output folder {output} contains the source folder")
    if state.is_relative_to(output):
        raise SourceError(f"the cache folder {state} is inside the output folder {output}")
    if output.is_dir():
        _check_writable(output)


def _check_writable(folder: Path) -> None:
    """:class:`SourceError` when no file can be made in ``folder`` (tried, as modes,
    ACLs and read-only mounts all decide it)."""
    try:
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as error:
        raise SourceError(
            f"the output folder {folder} cannot be written: {error.strerror or error}"
        ) from None


def base_url(args: argparse.Namespace) -> str | None:
    """``-b/--baseURL``; :class:`CliError` for a builder name given with Hugo's flag."""
    url: str | None = args.base_url
    if url in BUILDER_NAMES:
        raise CliError(f"-b is Hugo's --baseURL; for the {url} builder use --builder {url}")
    return url


def make_plan(kind: str, source: Path, args: argparse.Namespace) -> Plan:
    """Where Sphinx reads from and writes to, and which configuration it gets."""
    if kind == "document":
        return _document_plan(source, args)
    builder = builder_of(kind, args)
    output = output_of(source, args, builder)
    state = state_of(source, args, builder)
    check_paths(source, output, state)
    url = base_url(args)
    options = common_overrides(args, url)
    if kind == "sphinx":
        options.update(_sphinx_extensions(source))
        return _finish(Plan(kind, source, source, builder, output, state, options), args)
    site = read_site(source) if kind == "hugo" else _posts_site(source)
    content = site.content_dir
    if output.resolve() == content.resolve():
        raise SourceError(f"the output folder {content} is the content folder")
    options.update(site_overrides(site, args, url))
    options["exclude_patterns"] += _inside(content, output.resolve(), state.parent)
    if args.write_conf:
        write_conf(site, options, force=args.force)
        options = common_overrides(args, url)
        return _finish(Plan(kind, content, content, builder, output, state, options), args)
    return _finish(Plan(kind, content, None, builder, output, state, options), args)


DOCUMENT_SUFFIXES = (".md", ".mmark")
"""The suffixes of a document file ``build`` takes as SRC."""


def _document_plan(path: Path, args: argparse.Namespace) -> Plan:
    """One document file: the root document of a project in its folder (see the module
    docstring); the default output folder is ``FOLDER/_build/BUILDER`` for every builder."""
    if path.suffix not in DOCUMENT_SUFFIXES:
        raise SourceError(f"{path} is neither a folder nor a .md or .mmark document")
    if args.write_conf:
        raise CliError("--write-conf writes the conf.py of a site: give a folder, not a file")
    folder = path.parent
    builder = builder_of("document", args)
    given = args.output is not None or args.destination is not None
    output = output_of(folder, args, builder) if given else folder / "_build" / builder
    state = state_of(folder, args, path.stem)
    state = state / builder
    check_paths(folder, output, state)
    url = base_url(args)
    options = common_overrides(args, url)
    options.update(document_overrides(path, args, folder, output.resolve(), state))
    return _finish(Plan("document", folder, None, builder, output, state, options), args)


def document_overrides(
    path: Path, args: argparse.Namespace, folder: Path, *inside: Path
) -> dict[str, Any]:
    """The configuration of a one-document build: the file is the root document and
    the only page; the HTML title is its title block's (else its name)."""
    from ..parse import front_matter as fm
    from ..parse.decoding import decode

    name = path.relative_to(folder).as_posix()
    title = path.stem
    front = fm.read_or_none(fm.head_block(decode(path.read_bytes()).text))
    if front is not None and isinstance(front.data.get("title"), str):
        title = " ".join(front.data["title"].split()) or title
    options: dict[str, Any] = {
        "extensions": ["sphinx_mmark"],
        "project": path.stem,
        "root_doc": name.rpartition(".")[0],
        "mmark_exclude_included": True,
        "include_patterns": ["".join(f"[{c}]" if c in "*?[" else c for c in name)],
        "exclude_patterns": ["_build", STATE, "**/.*", *_inside(folder, *inside)],
        "html_title": title,
        "html_theme": args.theme or THEME,
        "html_copy_source": False,
        "suppress_warnings": [],
    }
    return options


def _finish(plan: Plan, args: argparse.Namespace) -> Plan:
    """Apply ``--define NAME=VALUE`` last: it overrides everything, as in sphinx-build."""
    for item in args.define:
        name, sign, value = item.partition("=")
        if not sign or not name.strip():
            raise CliError(f"--define takes NAME=VALUE, not {item!r}")
        plan.overrides[name.strip()] = value
    return plan


def common_overrides(args: argparse.Namespace, url: str | None) -> dict[str, Any]:
    """The configuration every kind of source gets from the command's options."""
    options: dict[str, Any] = {}
    for flag, name in (("drafts", "drafts"), ("future", "future"), ("expired", "expired")):
        if getattr(args, flag):
            options[f"mmark_build_{name}"] = True
    if args.theme:
        options["html_theme"] = args.theme
    if args.nitpicky:
        options["nitpicky"] = True
    if url is not None:
        options["html_baseurl"] = url
        options["mmark_hugo_base_url"] = url
    return options


def _inside(srcdir: Path, *folders: Path) -> list[str]:
    """Exclude patterns for each of ``folders`` that lies inside ``srcdir``."""
    return [
        folder.relative_to(srcdir.resolve()).as_posix()
        for folder in folders
        if folder.is_relative_to(srcdir.resolve()) and folder != srcdir.resolve()
    ]


def _sphinx_extensions(source: Path) -> dict[str, Any]:
    """Add ``sphinx_mmark`` to a project's own extensions when it lacks it."""
    from sphinx.config import Config
    from sphinx.errors import ConfigError
    from sphinx.util.tags import Tags

    try:
        config = Config.read(source, overrides={}, tags=Tags())
    except ConfigError as error:
        raise SourceError(" ".join(str(error).split())[:300]) from None
    extensions = list(config.extensions)
    if "sphinx_mmark" in extensions:
        return {}
    return {"extensions": [*extensions, "sphinx_mmark"]}


def _posts_site(folder: Path) -> HugoSite:
    site = read_site(folder)
    site.content_dir = folder
    site.static_dirs = []
    return site


def site_overrides(site: HugoSite, args: argparse.Namespace, url: str | None) -> dict[str, Any]:
    """The Sphinx configuration for a Hugo site or folder of posts (absolute paths)."""
    extensions = ["sphinx_mmark"]
    site_url = url or site.base_url
    options: dict[str, Any] = {
        "project": site.title,
        "html_title": site.title,
        "html_theme": args.theme or THEME,
        "html_copy_source": False,
        "mmark_hugo_root": str(site.root),
        "mmark_exclude_included": True,
        "exclude_patterns": ["_build", STATE, "**/.*"],
        "suppress_warnings": [],
    }
    if site.author:
        options["author"] = site.author
    if site.copyright:
        options["copyright"] = site.copyright
    else:  # Hugo shows only the site's copyright: no "©." line without one
        options["html_show_copyright"] = False
    if site_url.startswith(("http://", "https://")):
        options["html_baseurl"] = site_url
    if site.static_dirs:
        options["html_extra_path"] = [str(path) for path in site.static_dirs]
    if args.ablog:
        extensions.append("ablog")
        options.update(_ablog_options(site, site_url))
    options["extensions"] = extensions
    return options


def _ablog_options(site: HugoSite, site_url: str) -> dict[str, Any]:
    options: dict[str, Any] = {
        "blog_title": site.title,
        "blog_path": "blog",
        "post_date_format": "%Y-%m-%d %H:%M",
        "post_auto_excerpt": 1,
    }
    if site_url.startswith(("http://", "https://")):
        options["blog_baseurl"] = site_url
    return options


def _holds(path: Path, data: bytes) -> bool:
    """Whether ``path`` is a regular file (not a link) whose content is ``data``."""
    return not path.is_symlink() and path.is_file() and path.read_bytes() == data


def write_conf(site: HugoSite, options: dict[str, Any], *, force: bool = False) -> Path:
    """Write ``conf.py`` into the content folder.

    An existing ``conf.py`` that differs is replaced only with ``force``
    (:class:`SourceError`); nothing is written through a symbolic link
    (:class:`~sphinx_mmark.hugo.confine.RefusedWriteError`). No home page is
    written: the extension chooses or generates it.
    """
    content = site.content_dir
    conf = content / "conf.py"
    data = _conf_text(site, options).encode()
    if not force and not conf.is_symlink() and conf.is_file() and not _holds(conf, data):
        raise SourceError(f"{conf} exists and differs from the generated one (--force replaces it)")
    write_file(content, "conf.py", data, replace=lambda _old: True)
    print(f"sphinx-mmark: wrote {conf}", file=sys.stderr)
    return conf


def _conf_text(site: HugoSite, options: dict[str, Any]) -> str:
    """The ``conf.py`` for ``site``: ``options`` with paths relative to the content folder."""
    content = site.content_dir
    relative = dict(options)
    relative["mmark_hugo_root"] = os.path.relpath(site.root, content)
    if "html_extra_path" in relative:
        relative["html_extra_path"] = [
            os.path.relpath(path, content) for path in relative["html_extra_path"]
        ]
    relative["exclude_patterns"] = ["_build", STATE, "**/.*"]
    lines = [
        f'"""Sphinx configuration for the Hugo site {site.title!r}, written by sphinx-mmark."""',
        "",
        "# Build with:  sphinx-build -b hugo . _build  (or: sphinx-mmark build ..)",
        "",
    ]
    for key, value in relative.items():
        lines.append(f"{key} = {pprint.pformat(value, width=88)}")
    return "\n".join(lines) + "\n"
