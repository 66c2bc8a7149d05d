from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings
from hypothesis.configuration import set_hypothesis_home_dir

from .helpers import CORPUS
from .repo_state import CHECK_VARIABLE, checking, differences, repo_state

# hypothesis keeps no example database, and its caches go to a temporary folder
# (set in pytest_configure), not to .hypothesis/ in the checkout
settings.register_profile("sphinx-mmark", database=None)
settings.load_profile("sphinx-mmark")
_HYPOTHESIS_HOME: list[Path] = []


def pytest_configure(config: pytest.Config) -> None:
    home = Path(tempfile.mkdtemp(prefix="sphinx-mmark-hypothesis-"))
    _HYPOTHESIS_HOME.append(home)
    set_hypothesis_home_dir(home)


def pytest_unconfigure(config: pytest.Config) -> None:
    while _HYPOTHESIS_HOME:
        shutil.rmtree(_HYPOTHESIS_HOME.pop(), ignore_errors=True)


@pytest.fixture(scope="session", autouse=True)
def _checkout_unchanged() -> Iterator[None]:
    """Fails the run when the tests changed the checkout (``tests/repo_state.py``)."""
    before = repo_state() if checking() else None
    yield
    after = repo_state() if before is not None else None
    if before is not None and after is not None and before != after:
        pytest.fail(
            "the test run changed the checkout (tests must write to temporary folders; "
            f"{CHECK_VARIABLE}=0 skips this check):\n" + "\n".join(differences(before, after))
        )


@pytest.fixture
def corpus():
    """The shared corpus of real mmark documents; skips when it is not beside the repo."""
    if not CORPUS.is_dir():
        pytest.skip(f"shared corpus not found at {CORPUS} (set SPHINX_MMARK_SHARED)")
    return CORPUS
