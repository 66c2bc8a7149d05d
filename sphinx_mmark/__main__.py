"""``python -m sphinx_mmark build [SRC] [OUT]``: see :mod:`sphinx_mmark.cli`."""

from __future__ import annotations

import sys

from .cli import main

sys.exit(main())
