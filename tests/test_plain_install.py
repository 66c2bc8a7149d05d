"""A plain ``pip install`` of the package (no extras) gives a working ``sphinx-mmark build``.

The package is installed from this checkout into a new virtual environment
(``python -m venv``), which needs the package index: the test skips, saying so,
when pip cannot reach it. It builds a copy of ``examples/hugo-site`` with the
default theme, and checks that the options needing an extra name the fix.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .helpers import REPO

EXAMPLE = REPO / "examples" / "hugo-site"
INSTALL_SECONDS = 900


def _run(argv: list[str], timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run(argv, capture_output=True, text=True, check=False, timeout=timeout)


@pytest.fixture(scope="module")
def plain_install(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The ``bin`` folder of a new virtual environment with ``pip install <checkout>``."""
    venv = tmp_path_factory.mktemp("plain") / "venv"
    made = _run([sys.executable, "-m", "venv", str(venv)])
    if made.returncode != 0:
        pytest.skip(f"python -m venv failed: {made.stderr.strip()[-300:]}")
    python = str(venv / "bin" / "python")
    reach = _run([python, "-m", "pip", "download", "--no-deps", "--dest", str(venv / "probe"),
                  "flit_core"], timeout=120)  # fmt: skip
    if reach.returncode != 0:
        pytest.skip("no package index reachable by pip (network?): " + reach.stderr[-200:])
    installed = _run([python, "-m", "pip", "install", str(REPO)], timeout=INSTALL_SECONDS)
    assert installed.returncode == 0, installed.stdout[-2000:] + installed.stderr[-2000:]
    return venv / "bin"


@pytest.mark.slow
def test_build_after_a_plain_install(plain_install: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(EXAMPLE, site)
    done = _run([str(plain_install / "sphinx-mmark"), "build", str(site), "-q"])
    assert done.returncode == 0, done.stderr[-3000:]
    home = (site / "public" / "index.html").read_text(encoding="utf-8")
    assert "sphinx-book-theme" in home or "bd-" in home  # the default theme was found
    assert (site / "public" / "posts" / "index.html").is_file()


@pytest.mark.slow
@pytest.mark.parametrize(
    ("argv", "fix"),
    [(["build", "--ablog"], "pip install 'sphinx-mmark[ablog]'"),
     (["serve"], "pip install 'sphinx-mmark[serve]'")],
)  # fmt: skip
def test_extras_name_their_fix(
    plain_install: Path, tmp_path: Path, argv: list[str], fix: str
) -> None:
    site = tmp_path / "site"
    shutil.copytree(EXAMPLE, site)
    done = _run([str(plain_install / "sphinx-mmark"), argv[0], str(site), *argv[1:], "-q"])
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert fix in lines[0]
    assert "Traceback" not in done.stderr
