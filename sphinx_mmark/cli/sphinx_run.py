"""Run Sphinx for a :class:`~.plan.Plan`, as ``sphinx-build`` would, with one-line errors."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from typing import Any, TextIO

from .errors import CliError, installed, missing_theme, report, require_extra
from .plan import Plan

MYST_LOGGER = "sphinx.myst_parser.sphinx_ext.main"
"""The logger MyST-Parser prints its whole configuration to, once per build."""


class _MystConfigLine(logging.Filter):
    """Drops MyST-Parser's ``myst vX: MdParserConfig(...)`` line (about 1,000 characters)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.levelno == logging.INFO and "myst v" in str(record.msg))


@contextmanager
def quiet_myst() -> Iterator[None]:
    """Keep MyST-Parser's configuration line out of the output while in the block."""
    logger = logging.getLogger(MYST_LOGGER)
    line = _MystConfigLine()
    logger.addFilter(line)
    try:
        yield
    finally:
        logger.removeFilter(line)


def jobs(value: str) -> int:
    """The ``-j`` value: a whole number ≥ 1, or ``auto`` (the number of processors)."""
    if value == "auto":
        return os.cpu_count() or 1
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is neither a number nor 'auto'") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"{value} is below 1")
    return number


def check_requirements(plan: Plan, args: argparse.Namespace) -> None:
    """:class:`CliError` with the install command when a package the build needs is missing."""
    extensions = plan.overrides.get("extensions", [])
    if args.ablog or "ablog" in extensions:
        require_extra("ablog", "ABlog (--ablog)", "ablog")
    theme = plan.overrides.get("html_theme")
    if theme == "sphinx_book_theme" and not installed(theme):
        raise missing_theme(theme)


def run(plan: Plan, args: argparse.Namespace) -> int:
    """Build; the exit status (2 and one error line when Sphinx or the system fails)."""
    from sphinx.errors import SphinxError, ThemeError

    try:
        return _build(plan, args)
    except ThemeError as error:
        theme = plan.overrides.get("html_theme")
        if args.traceback or not isinstance(theme, str) or repr(theme) not in str(error):
            raise
        return report(str(missing_theme(theme)))
    except CliError as error:
        return report(str(error))
    except (SphinxError, OSError) as error:
        if args.traceback:
            raise
        return report(str(error))
    except Exception as error:
        if args.traceback:
            raise
        return report(f"{type(error).__name__}: {error} (-T shows the traceback)")


def _build(plan: Plan, args: argparse.Namespace) -> int:
    from sphinx.application import Sphinx
    from sphinx.util.console import nocolor
    from sphinx.util.docutils import docutils_namespace, patch_docutils

    status: TextIO | None = None if args.quiet else sys.stdout
    if not sys.stderr.isatty():
        nocolor()
    options: dict[str, Any] = {
        "confoverrides": plan.overrides,
        "status": status,
        "warning": sys.stderr,
        "freshenv": args.fresh_env,
        "warningiserror": args.fail_on_warning,
        "verbosity": args.verbose,
        "parallel": args.jobs,
    }
    quiet = quiet_myst() if args.verbose == 0 else nullcontext()
    with quiet, patch_docutils(plan.confdir), docutils_namespace():
        app = Sphinx(plan.srcdir, plan.confdir, plan.output, plan.state, plan.builder, **options)
        app.build()
        return app.statuscode
