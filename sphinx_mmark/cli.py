"""``sphinx-mmark build SRC OUT``: build a Sphinx project, a Hugo site or a folder of posts.

* A **Sphinx project** (``SRC/conf.py``) is built as ``sphinx-build`` would,
  with ``sphinx_mmark`` added to its extensions when it is missing.
* A **Hugo site** (a Hugo configuration file and ``content/``) needs no
  ``conf.py``: the configuration is generated from the Hugo one (title, base
  URL, ``static/``, permalinks, params) with sphinx-book-theme, and the
  ``dirhtml`` builder by default, whose URLs are Hugo's. ``--write-conf``
  writes that configuration to ``content/conf.py`` for the user to edit and
  build with ``sphinx-build`` from then on; it does not replace a
  ``content/conf.py`` that differs from what it would write unless ``--force``
  is given.
* A **folder of posts** is built like a Hugo site whose content is the folder.

When the content has no home page (``_index.md``), the build reads the content
through a folder of links under ``OUT/.sphinx-mmark/`` that adds one; warnings
still name the user's files. A folder that is none of the three, an output
folder that cannot be written, or a configuration value of the wrong type is a
one-line error (exit status 2). Generated files are never written through a
symbolic link (:mod:`sphinx_mmark.hugo.confine`).
"""

from __future__ import annotations

import argparse
import os
import pprint
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from . import __version__
from .hugo.confine import RefusedWriteError, make_folders, write_file
from .hugo.site import HugoSite, SourceError, classify, read_site

_HOME_NAMES = ("_index.md", "_index.mmark", "index.md", "index.mmark")
_THEME = "sphinx_book_theme"


@dataclass
class Plan:
    """How to run Sphinx for one source folder."""

    kind: str
    srcdir: Path
    confdir: Path | None
    overrides: dict[str, Any] = field(default_factory=dict)
    rewrite: tuple[str, str] | None = None
    """(staging prefix, real prefix) to restore in warning messages."""


class _Rewriting:
    """A stream that shows the user's paths instead of the staging folder's."""

    def __init__(self, stream: TextIO, old: str, new: str) -> None:
        self._stream, self._old, self._new = stream, old, new

    def write(self, text: str) -> int:
        return self._stream.write(text.replace(self._old, self._new))

    def flush(self) -> None:
        self._stream.flush()

    def isatty(self) -> bool:
        return self._stream.isatty()


def parser() -> argparse.ArgumentParser:
    """The command-line interface."""
    main = argparse.ArgumentParser(
        prog="sphinx-mmark",
        description="Build mmark documents (Hugo sites, posts, Sphinx projects) with Sphinx.",
    )
    main.add_argument("--version", action="version", version=f"sphinx-mmark {__version__}")
    commands = main.add_subparsers(dest="command", required=True)
    build = commands.add_parser(
        "build",
        help="build SRC into OUT",
        description="SRC is a Sphinx project, a Hugo site root or a folder of .md/.mmark posts.",
    )
    build.add_argument("source", metavar="SRC", type=Path)
    build.add_argument("output", metavar="OUT", type=Path)
    build.add_argument(
        "-b",
        "--builder",
        default=None,
        help="Sphinx builder: html, dirhtml, latex, … (default: dirhtml for Hugo sites and "
        "posts, which keeps Hugo's URLs; html for Sphinx projects)",
    )
    build.add_argument("--drafts", action="store_true", help="build draft pages too")
    build.add_argument("--future", action="store_true", help="build pages dated in the future")
    build.add_argument("--expired", action="store_true", help="build expired pages")
    build.add_argument("--theme", default=None, help=f"HTML theme (default: {_THEME})")
    build.add_argument("--ablog", action="store_true", help="load ABlog: archives, tags, feed")
    build.add_argument(
        "--write-conf",
        action="store_true",
        help="write the generated conf.py into the content folder (and a home page if there "
        "is none), then build from it",
    )
    build.add_argument(
        "--force",
        action="store_true",
        help="with --write-conf: replace a content/conf.py that differs from the generated one",
    )
    build.add_argument("-j", "--jobs", default="1", help="parallel jobs (a number or 'auto')")
    build.add_argument("-E", "--fresh-env", action="store_true", help="do not use a saved env")
    build.add_argument("-W", "--fail-on-warning", action="store_true", help="warnings are errors")
    build.add_argument("-q", "--quiet", action="store_true", help="no progress output")
    build.add_argument("-v", "--verbose", action="count", default=0, help="more output")
    return main


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args = parser().parse_args(argv)
    source: Path = args.source
    try:
        kind = classify(source)
        _check_output(source.resolve(), args.output.resolve())
        plan = make_plan(kind, source.resolve(), args)
    except (SourceError, RefusedWriteError) as error:
        return _error(str(error))
    except OSError as error:
        return _error(_os_error(error))
    return run(plan, args)


def _error(message: str) -> int:
    """Print ``message`` as the one-line error it is; the exit status."""
    print(f"sphinx-mmark: error: {' '.join(message.split())}", file=sys.stderr)
    return 2


def _os_error(error: OSError) -> str:
    """One line for an operating-system error: what failed, and on which file."""
    where = f": {error.filename}" if error.filename else ""
    return f"{error.strerror or error}{where}"


def _check_output(source: Path, output: Path) -> None:
    """:class:`SourceError` when ``output`` cannot be the output folder of ``source``."""
    if output.exists() and not output.is_dir():
        raise SourceError(f"the output {output} is not a folder")
    if output == source:
        raise SourceError(f"the output folder {output} is the source folder")


def make_plan(kind: str, source: Path, args: argparse.Namespace) -> Plan:
    """Where Sphinx reads from and which configuration it gets."""
    options = _common_overrides(args)
    if kind == "sphinx":
        options.update(_sphinx_extensions(source))
        return Plan(kind, source, source, options)
    site = read_site(source) if kind == "hugo" else _posts_site(source)
    options.update(site_overrides(site, args))
    content = site.content_dir
    if args.output.resolve() == content.resolve():
        raise SourceError(f"the output folder {content} is the content folder")
    if args.write_conf:
        write_conf(site, options, force=args.force)
        options = _common_overrides(args)
        return Plan(kind, content, content, options)
    home = _home(content)
    if home is not None:
        options["root_doc"] = home
        return Plan(kind, content, None, options)
    staging = stage(content, site, args.output.resolve())
    options["root_doc"] = "index"
    return Plan(
        kind, staging, None, options, rewrite=(str(staging) + os.sep, str(content) + os.sep)
    )


def _common_overrides(args: argparse.Namespace) -> dict[str, Any]:
    options: dict[str, Any] = {}
    if args.drafts:
        options["mmark_build_drafts"] = True
    if args.future:
        options["mmark_build_future"] = True
    if args.expired:
        options["mmark_build_expired"] = True
    if args.theme:
        options["html_theme"] = args.theme
    return options


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


def _home(content: Path) -> str | None:
    for name in _HOME_NAMES:
        if (content / name).is_file():
            return name.rsplit(".", 1)[0]
    return None


def site_overrides(site: HugoSite, args: argparse.Namespace) -> dict[str, Any]:
    """The Sphinx configuration for a Hugo site (absolute paths)."""
    extensions = ["sphinx_mmark"]
    options: dict[str, Any] = {
        "project": site.title,
        "html_title": site.title,
        "html_theme": args.theme or _THEME,
        "mmark_hugo_root": str(site.root),
        "exclude_patterns": ["_build", ".sphinx-mmark", "**/.*"],
        "suppress_warnings": [],
    }
    if site.author:
        options["author"] = site.author
    if site.copyright:
        options["copyright"] = site.copyright
    if site.base_url.startswith(("http://", "https://")):
        options["html_baseurl"] = site.base_url
    if site.static_dirs:
        options["html_extra_path"] = [str(path) for path in site.static_dirs]
    if args.ablog:
        extensions.append("ablog")
        options.update(
            {
                "blog_title": site.title,
                "blog_path": "blog",
                "post_date_format": "%Y-%m-%d %H:%M",
                "post_auto_excerpt": 1,
            }
        )
        if site.base_url.startswith(("http://", "https://")):
            options["blog_baseurl"] = site.base_url
    options["extensions"] = extensions
    return options


def stage(content: Path, site: HugoSite, output: Path) -> Path:
    """A folder of links to ``content`` plus a generated home page.

    The folder is ``OUT/.sphinx-mmark/src``; a symbolic link on the way to it
    (or at its home page) is refused. A home-page name in ``content`` that is no
    readable file (a broken link) is not linked: the generated page replaces it.
    """
    output.mkdir(parents=True, exist_ok=True)
    staging = make_folders(output, ".sphinx-mmark/src")
    wanted = {entry.name for entry in content.iterdir() if not entry.name.startswith(".")}
    for name in sorted(wanted.intersection(_HOME_NAMES)):
        print(f"sphinx-mmark: warning: {content / name} is not a readable file", file=sys.stderr)
    wanted.difference_update(_HOME_NAMES)
    _link_entries(staging, content, wanted)
    home = f"---\ntitle: {_yaml_string(site.title)}\n---\n".encode()
    if not _holds(staging / "index.md", home):
        write_file(staging, "index.md", home, replace=lambda _head: True)
    return staging


def _link_entries(staging: Path, content: Path, wanted: set[str]) -> None:
    """Make ``staging`` hold one link per name in ``wanted`` to that entry of ``content``."""
    for entry in staging.iterdir():
        if entry.is_symlink() and entry.name not in wanted:
            entry.unlink()
    for name in sorted(wanted):
        link = staging / name
        if link.is_symlink() and os.readlink(link) == str(content / name):
            continue
        if link.is_symlink() or link.is_file():
            link.unlink()
        link.symlink_to(content / name)


def _holds(path: Path, data: bytes) -> bool:
    """Whether ``path`` is a regular file (not a link) whose content is ``data``."""
    return not path.is_symlink() and path.is_file() and path.read_bytes() == data


def _yaml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_conf(site: HugoSite, options: dict[str, Any], *, force: bool = False) -> Path:
    """Write ``conf.py`` (and a home page if there is none) into the content folder.

    An existing ``conf.py`` that differs is replaced only with ``force``
    (:class:`SourceError`); nothing is written through a symbolic link
    (:class:`RefusedWriteError`).
    """
    content = site.content_dir
    conf = content / "conf.py"
    missing_home = _home(content) is None
    data = _conf_text(site, options, root_doc=_home(content) or "_index").encode()
    if not force and not conf.is_symlink() and conf.is_file() and not _holds(conf, data):
        raise SourceError(f"{conf} exists and differs from the generated one (--force replaces it)")
    if missing_home and os.path.lexists(content / "_index.md"):
        raise SourceError(f"{content / '_index.md'} is not a readable file")
    write_file(content, "conf.py", data, replace=lambda _old: True)
    if missing_home:
        page = f"---\ntitle: {_yaml_string(site.title)}\n---\n"
        write_file(content, "_index.md", page.encode(), replace=None)
    print(f"sphinx-mmark: wrote {conf}", file=sys.stderr)
    return conf


def _conf_text(site: HugoSite, options: dict[str, Any], *, root_doc: str) -> str:
    """The ``conf.py`` for ``site``: ``options`` with paths relative to the content folder."""
    content = site.content_dir
    relative = dict(options)
    relative["mmark_hugo_root"] = os.path.relpath(site.root, content)
    if "html_extra_path" in relative:
        relative["html_extra_path"] = [
            os.path.relpath(path, content) for path in relative["html_extra_path"]
        ]
    relative["root_doc"] = root_doc
    lines = [
        f'"""Sphinx configuration for the Hugo site {site.title!r}, written by sphinx-mmark."""',
        "",
        "# Build with:  sphinx-build -b dirhtml . _build  (or: sphinx-mmark build . _build)",
        "",
    ]
    for key, value in relative.items():
        lines.append(f"{key} = {pprint.pformat(value, width=88)}")
    return "\n".join(lines) + "\n"


def run(plan: Plan, args: argparse.Namespace) -> int:
    """Run Sphinx as ``sphinx-build`` would; return the exit status."""
    from sphinx.application import Sphinx
    from sphinx.errors import SphinxError
    from sphinx.util.console import nocolor
    from sphinx.util.docutils import docutils_namespace, patch_docutils

    builder = args.builder or ("html" if plan.kind == "sphinx" else "dirhtml")
    output: Path = args.output.resolve()
    status: TextIO | None = None if args.quiet else sys.stdout
    warning: Any = sys.stderr
    if plan.rewrite is not None:
        warning = _Rewriting(sys.stderr, *plan.rewrite)
        if status is not None:
            status = _Rewriting(status, *plan.rewrite)  # type: ignore[assignment]
    if not sys.stderr.isatty():
        nocolor()
    jobs = (os.cpu_count() or 1) if args.jobs == "auto" else int(args.jobs)
    try:
        with patch_docutils(plan.confdir), docutils_namespace():
            app = Sphinx(
                plan.srcdir,
                plan.confdir,
                output,
                output / ".doctrees",
                builder,
                confoverrides=plan.overrides,
                status=status,
                warning=warning,
                freshenv=args.fresh_env,
                warningiserror=args.fail_on_warning,
                verbosity=args.verbose,
                parallel=jobs,
            )
            app.build()
            return app.statuscode
    except (SphinxError, OSError) as error:
        print(f"sphinx-mmark: error: {' '.join(str(error).split())}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
