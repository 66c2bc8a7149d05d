"""The ``sphinx-mmark`` command: ``build`` and ``serve`` a Hugo site, a folder of posts or
a Sphinx project (the entry point is :func:`main`).

Options follow Hugo where Hugo has the option (``-D`` drafts, ``-F`` future,
``-E`` expired, ``-d`` destination, ``-b`` base URL), sphinx-build otherwise
(``-n``, ``-W``, ``-j``, ``-q``, ``-v``, ``-T``); sphinx-build's options whose
short names Hugo uses get long ones (``--builder``, ``--define``,
``--fresh-env``). ``docs/cli.md`` has the table. A problem with the command's
input (a folder that is no site, a missing package, an output folder that
cannot be written) is one error line and exit status 2.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from .. import __version__
from ..hugo.confine import RefusedWriteError
from ..hugo.site import SourceError, classify
from .clean import clean_output
from .errors import CliError, os_error, report
from .pdf import check_latexmk, compile_pdf
from .plan import THEME, make_plan
from .serve import serve
from .sphinx_run import check_requirements, jobs, run

__all__ = ["main", "parser"]


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
        description="SRC is a Sphinx project, a Hugo site root, a folder of .md/.mmark posts, "
        "or one .md/.mmark document (an Internet-Draft), built with the files it includes.",
    )
    build.add_argument("source", metavar="SRC", type=Path, nargs="?", default=Path("."))
    build.add_argument(
        "output",
        metavar="OUT",
        type=Path,
        nargs="?",
        default=None,
        help="output folder (default: SRC/public; SRC/_build/BUILDER for non-HTML builders "
        "and for a document file)",
    )
    build.add_argument("-d", "--destination", type=Path, metavar="OUT", help="same as OUT")
    _add_build_options(build)
    build.add_argument(
        "--cleanDestinationDir",
        "--clean",
        dest="clean",
        action="store_true",
        help="empty OUT first (entries at its top whose names start with '.' are kept)",
    )
    build.add_argument("--pdf", action="store_true", help="build with latex, then run latexmk")
    build.add_argument(
        "--write-conf",
        action="store_true",
        help="write the generated conf.py into the content folder, then build from it",
    )
    build.add_argument(
        "--force",
        action="store_true",
        help="with --write-conf: replace a content/conf.py that differs from the generated one",
    )
    serve_command = commands.add_parser(
        "serve",
        help="build SRC, serve it and rebuild on each change (needs sphinx-mmark[serve])",
        description="A live preview of SRC (default: the current folder) that reloads the "
        "browser after each change.",
    )
    serve_command.add_argument("source", metavar="SRC", type=Path, nargs="?", default=Path("."))
    serve_command.add_argument("-p", "--port", type=int, default=1313, help="default: 1313")
    serve_command.add_argument("--bind", default="127.0.0.1", help="default: 127.0.0.1")
    _add_build_options(serve_command)
    return main


def _add_build_options(command: argparse.ArgumentParser) -> None:
    """The options ``build`` and ``serve`` share."""
    hugo = command.add_argument_group("Hugo's options")
    hugo.add_argument(
        "-D",
        "--buildDrafts",
        "--drafts",
        dest="drafts",
        action="store_true",
        help="build draft pages too",
    )
    hugo.add_argument(
        "-F",
        "--buildFuture",
        "--future",
        dest="future",
        action="store_true",
        help="build pages dated in the future",
    )
    hugo.add_argument(
        "-E",
        "--buildExpired",
        "--expired",
        dest="expired",
        action="store_true",
        help="build expired pages",
    )
    hugo.add_argument(
        "-b",
        "--baseURL",
        dest="base_url",
        metavar="URL",
        help="the site's URL (replaces the Hugo configuration's baseURL)",
    )
    hugo.add_argument(
        "--cacheDir",
        dest="cache_dir",
        metavar="DIR",
        help="build state folder (default: SRC/.sphinx-mmark)",
    )
    sphinx = command.add_argument_group("sphinx-build's options")
    sphinx.add_argument(
        "--builder",
        default=None,
        metavar="NAME",
        help="hugo, html, dirhtml, latex, … (default: hugo for Hugo sites and posts, "
        "html for Sphinx projects)",
    )
    sphinx.add_argument(
        "--define",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="override a configuration value (sphinx-build's -D)",
    )
    sphinx.add_argument("--fresh-env", action="store_true", help="do not use a saved environment")
    sphinx.add_argument("-n", "--nitpicky", action="store_true", help="warn on missing refs")
    sphinx.add_argument("-W", "--fail-on-warning", action="store_true", help="warnings fail")
    sphinx.add_argument(
        "-j", "--jobs", type=jobs, default=1, metavar="N", help="parallel jobs: a number or 'auto'"
    )
    sphinx.add_argument("-q", "--quiet", action="store_true", help="no progress output")
    sphinx.add_argument("-v", "--verbose", action="count", default=0, help="more output")
    sphinx.add_argument("-T", "--traceback", action="store_true", help="show tracebacks")
    sphinx.add_argument("--theme", default=None, help=f"HTML theme (default: {THEME})")
    sphinx.add_argument(
        "--ablog",
        action="store_true",
        help="load ABlog: archives, tags, feed (needs sphinx-mmark[ablog])",
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args = parser().parse_args(argv)
    try:
        if args.command == "serve":
            return serve(args)
        return build(args)
    except (CliError, SourceError, RefusedWriteError) as error:
        return report(str(error))
    except OSError as error:
        return report(os_error(error))
    except KeyboardInterrupt:
        return 130


def build(args: argparse.Namespace) -> int:
    """``sphinx-mmark build``: plan, check, clean, run Sphinx, compile the PDF."""
    source: Path = args.source
    kind = "document" if source.is_file() else classify(source)
    plan = make_plan(kind, source.resolve(), args)
    if args.pdf:
        check_latexmk()
    check_requirements(plan, args)
    if args.clean:
        clean_output(plan.output)
    status = run(plan, args)
    _drop_empty(plan.output / "_sources")
    if status == 0 and args.pdf:
        for pdf in compile_pdf(plan.output, quiet=args.quiet):
            print(f"sphinx-mmark: PDF: {pdf}")
    return status


def _drop_empty(folder: Path) -> None:
    """Remove ``folder`` when it is an empty folder (Sphinx's HTML builders make
    ``_sources`` even when ``html_copy_source`` is off)."""
    if folder.is_dir() and not folder.is_symlink() and not any(folder.iterdir()):
        folder.rmdir()
