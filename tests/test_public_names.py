"""Names that projects import keep working after the package was laid out in layers."""

from __future__ import annotations

import importlib
import sys

import pytest


def test_shortcode_is_importable_from_the_package() -> None:
    from sphinx_mmark import Shortcode

    assert {"name", "args", "kwargs", "inner", "inline", "docname", "line", "env"} <= set(
        Shortcode.__dataclass_fields__
    )


def test_the_old_shortcode_module_still_works_and_says_it_is_deprecated() -> None:
    from sphinx_mmark import Shortcode

    sys.modules.pop("sphinx_mmark.render_shortcodes", None)
    with pytest.warns(DeprecationWarning, match="from sphinx_mmark import Shortcode"):
        old = importlib.import_module("sphinx_mmark.render_shortcodes")
    assert old.Shortcode is Shortcode


def test_an_unknown_package_attribute_is_an_attribute_error() -> None:
    import sphinx_mmark

    with pytest.raises(AttributeError, match="no attribute 'Shortcodes'"):
        _ = sphinx_mmark.Shortcodes  # type: ignore[attr-defined]
