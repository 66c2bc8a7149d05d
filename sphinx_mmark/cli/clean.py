"""``--clean``: empty the output folder before a build.

Everything in the output folder is removed except the entries at its top whose
names start with a dot (``.git`` of a deployment checkout, ``.nojekyll``,
``.well-known``): files a build no longer writes (a deleted post, a renamed
tag) must not stay published. Of the hidden entries, those Sphinx or older
sphinx-mmark versions wrote there (:data:`BUILD_LEFTOVERS`) are removed too.
Symbolic links are removed, never followed; an output folder that is itself a
link is refused, as is one that is or contains the source folder (checked
before, by :func:`~.plan.check_paths`).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from .errors import CliError

BUILD_LEFTOVERS = frozenset({".buildinfo", ".doctrees", ".sphinx-mmark"})
"""Hidden entries at the top of the output folder that a build wrote: ``--clean`` removes them."""


def clean_output(output: Path) -> list[str]:
    """Empty ``output`` (see the module); the names removed from its top."""
    if output.is_symlink():
        raise CliError(f"--clean does not empty {output}: it is a symbolic link")
    if not output.exists():
        return []
    removed = []
    for entry in sorted(output.iterdir()):
        if entry.name.startswith(".") and entry.name not in BUILD_LEFTOVERS:
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()
        removed.append(entry.name)
    return removed
