from __future__ import annotations

import pytest

from .helpers import CORPUS


@pytest.fixture
def corpus():
    """The shared corpus of real mmark documents; skips when it is not beside the repo."""
    if not CORPUS.is_dir():
        pytest.skip(f"shared corpus not found at {CORPUS} (set SPHINX_MMARK_SHARED)")
    return CORPUS
