"""``--pdf``: the latex builder's output compiled with ``latexmk``."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from .errors import CliError

LATEX_PACKAGES = "latexmk texlive-latex-recommended texlive-latex-extra texlive-fonts-recommended"
"""Debian packages that compile Sphinx's LaTeX (named in the error when latexmk is missing)."""


def check_latexmk() -> None:
    """:class:`CliError` when ``latexmk`` is not installed."""
    if shutil.which("latexmk") is None:
        raise CliError(f"--pdf needs latexmk (Debian: apt-get install {LATEX_PACKAGES})")


def compile_pdf(latex_dir: Path, *, quiet: bool) -> list[Path]:
    """Compile each document in ``latex_dir``; the PDF files.

    Runs the Makefile Sphinx wrote (``make all-pdf``, which calls latexmk with
    the folder's ``latexmkrc``) when ``make`` is installed, else ``latexmk -pdf``
    on each ``.tex`` file.
    """
    silent = ["-silent"] if quiet else []
    output = subprocess.DEVNULL if quiet else None
    if shutil.which("make") is not None and (latex_dir / "Makefile").is_file():
        commands = [["make", "all-pdf", f"LATEXMKOPTS={' '.join(silent)}"]]
    else:
        commands = [
            ["latexmk", "-pdf", "-dvi-", "-ps-", *silent, tex.name]
            for tex in sorted(latex_dir.glob("*.tex"))
        ]
    for command in commands:
        done = subprocess.run(command, cwd=latex_dir, stdout=output, check=False)
        if done.returncode != 0:
            raise CliError(
                f"{command[0]} failed (exit status {done.returncode}): see the .log files "
                f"in {latex_dir}"
            )
    return sorted(latex_dir.glob("*.pdf"))
