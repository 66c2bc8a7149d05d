"""The command's one-line errors, and the fixes it names for missing packages."""

from __future__ import annotations

import importlib.util
import sys

PACKAGE = "sphinx-mmark"


class CliError(Exception):
    """A problem the command reports as one line, with exit status 2."""


def report(message: str) -> int:
    """Print ``message`` as one error line on standard error; the exit status (2)."""
    print(f"{PACKAGE}: error: {' '.join(message.split())}", file=sys.stderr)
    return 2


def os_error(error: OSError) -> str:
    """One line for an operating-system error: what failed, and on which file."""
    where = f": {error.filename}" if error.filename else ""
    return f"{error.strerror or error}{where}"


def installed(module: str) -> bool:
    """Whether the top-level ``module`` can be imported."""
    return importlib.util.find_spec(module) is not None


def require_extra(module: str, what: str, extra: str) -> None:
    """:class:`CliError` naming the ``pip install`` that brings ``module``, when it is missing."""
    if not installed(module):
        raise CliError(f"{what} is not installed: pip install '{PACKAGE}[{extra}]'")


THEME_PACKAGES = {
    "sphinx_book_theme": "sphinx-book-theme",
    "pydata_sphinx_theme": "pydata-sphinx-theme",
    "sphinx_rtd_theme": "sphinx-rtd-theme",
    "furo": "furo",
}
"""Distribution names of common themes, by theme name (others: ``_`` becomes ``-``)."""


def missing_theme(theme: str) -> CliError:
    """The error for an HTML theme that is not installed, with the command that installs it."""
    package = THEME_PACKAGES.get(theme, theme.replace("_", "-"))
    return CliError(f"the HTML theme {theme!r} is not installed: pip install {package}")
