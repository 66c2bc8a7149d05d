"""The ``mmark_*`` configuration values: types Sphinx accepts, invalid values, old names.

Every documented value of every option, in every type it may be written in, builds
without a single warning (what ``sphinx-build -W`` needs); an invalid value gives one
``mmark.config`` warning and the default; the deprecated
``mmark_include_{drafts,future,expired}`` still work, with one warning each.
"""

from __future__ import annotations

import ast
import re
import shutil
import sys
from pathlib import Path

import pytest

from sphinx_mmark.cli import main
from sphinx_mmark.config import OPTIONS, RENAMED, MmarkSettings, mmark_settings

from .helpers import REPO, Build, build, write_project

PAGES = {
    "index.md": "# Home\n\nSome text.\n",
    "post.md": "---\ntitle: Post\ndraft: true\n---\n\nA draft.\n",
    "bibxml/.keep": "",
    "site/hugo.toml": 'title = "Site"\n',
}
"""A project with a draft, a folder for ``mmark_bibxml_dirs`` and a Hugo site in ``site``."""

DOCUMENTED: dict[str, list[str]] = {
    "mmark_numfig": ["True", "False", '"auto"'],
    "mmark_build_drafts": ["True", "False"],
    "mmark_md_patterns": ["[]", '["posts/*.md"]', '("posts/*.md", "*.md")'],
    "mmark_flavour": ['"auto"', '"v1"', '"v2"'],
    "mmark_remote_images": ['"link"', '"download"'],
    "mmark_bibxml_dirs": ["[]", '["bibxml"]', '("bibxml",)'],
    "mmark_references_position": ['"backmatter"', '"end"'],
    "mmark_shared_bibliography": ["True", "False"],
    "mmark_build_future": ["True", "False"],
    "mmark_build_expired": ["True", "False"],
    "mmark_shortcodes": [
        "{}",
        '{"note": "note"}',
        '{"nothing": lambda shortcode: []}',
        '{"note": "note", "nothing": lambda shortcode: []}',
    ],
    "mmark_hugo_root": ['""', '"site"'],
    "mmark_hugo_base_url": ['""', '"https://example.org/blog/"'],
    "mmark_hugo_params": ["{}", '{"author": "Ann", "ratio": 1.5}'],
    "mmark_escaped_math": ['"v1"', "True", "False"],
    "mmark_include_roots": ["[]", '["."]', '(".", "bibxml")'],
    "mmark_include_depth": ["1", "10", "50"],
    "mmark_include_max_bytes": ["1", "10_000_000"],
    "mmark_latex_divisions": ["True", "False"],
    "mmark_exclude_included": ["True", "False"],
    "mmark_math_macros": ["{}", '{"R": "\\\\mathbb{R}", "\\\\v": ["\\\\mathbf{#1}", 1]}'],
}
"""Option → every value the documentation allows, as written in ``conf.py``."""

INVALID: list[tuple[str, str, object]] = [
    ("mmark_numfig", '"sometimes"', False),  # "auto", settled by the scan: no captions
    ("mmark_build_drafts", '"yes please"', False),
    ("mmark_md_patterns", '"posts/*.md"', ()),
    ("mmark_md_patterns", "[1, 2]", ()),
    ("mmark_flavour", '"v3"', "auto"),
    ("mmark_remote_images", '"embed"', "link"),
    ("mmark_bibxml_dirs", '[Path("bibxml")]', ()),
    ("mmark_references_position", '"start"', "backmatter"),
    ("mmark_shared_bibliography", "1", False),
    ("mmark_build_future", '"no"', False),
    ("mmark_build_expired", "None", False),
    ("mmark_shortcodes", '{"x": 1}', {}),
    ("mmark_shortcodes", '["note"]', {}),
    ("mmark_hugo_root", '["site"]', ""),
    ("mmark_hugo_base_url", "42", ""),
    ("mmark_hugo_params", "[]", {}),
    ("mmark_escaped_math", '"always"', "v1"),
    ("mmark_escaped_math", "1", "v1"),
    ("mmark_include_roots", '"."', ()),
    ("mmark_include_depth", "0", 10),
    ("mmark_include_depth", "True", 10),
    ("mmark_include_max_bytes", "-1", 10_000_000),
    ("mmark_include_max_bytes", '"big"', 10_000_000),
    ("mmark_latex_divisions", '"off"', True),
    ("mmark_exclude_included", '"yes"', False),
    ("mmark_math_macros", '"R"', {}),
]
"""Option, an invalid value, and the value the build then uses."""


def _build(tmp_path: Path, conf: str, overrides: dict[str, object] | None = None) -> Build:
    """A fast (``dummy`` builder) build of :data:`PAGES` with ``conf`` added to ``conf.py``."""
    write_project(tmp_path, PAGES, conf="from pathlib import Path\n" + conf)
    return build(tmp_path, "dummy", overrides=overrides)


def _field(name: str) -> str:
    return name.removeprefix("mmark_")


def _cases() -> list[tuple[str, str]]:
    return [(name, value) for name, values in DOCUMENTED.items() for value in values]


def test_every_option_has_documented_values() -> None:
    assert sorted(DOCUMENTED) == sorted(option.name for option in OPTIONS)
    fields = [name for name in MmarkSettings.__dataclass_fields__ if name != "hugo_site"]
    assert sorted(fields) == sorted(_field(option.name) for option in OPTIONS)


@pytest.mark.parametrize(("name", "value"), _cases())
def test_documented_value_builds_without_warnings(tmp_path: Path, name: str, value: str) -> None:
    result = _build(tmp_path, f"{name} = {value}\n")
    assert result.warning_lines() == []
    got = getattr(mmark_settings(result.app.config), _field(name))
    if name == "mmark_shortcodes":  # (functions: compare the names)
        assert sorted(got) == sorted(re.findall(r'"(\w+)":', value))
        return
    written = ast.literal_eval(value)  # the value as conf.py holds it
    if name == "mmark_math_macros":  # name (no backslash) → (definition, arguments)
        assert got == {
            key.removeprefix("\\"): (d, 0) if isinstance(d, str) else tuple(d)
            for key, d in written.items()
        }
        return
    if name == "mmark_numfig" and written == "auto":
        assert got is False  # settled by the source scan: no captions in the project
    else:
        assert got == (tuple(written) if isinstance(written, list | tuple) else written)


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("mmark_build_drafts", "1"),
        ("mmark_build_drafts", "0"),
        ("mmark_numfig", "0"),
        ("mmark_escaped_math", "1"),
        ("mmark_escaped_math", "v1"),
        ("mmark_md_patterns", "posts/*.md,*.md"),
        ("mmark_include_depth", "3"),
        ("mmark_hugo_root", "site"),
    ],
)
def test_command_line_value_builds_without_warnings(tmp_path: Path, name: str, value: str) -> None:
    result = _build(tmp_path, "", overrides={name: value})
    assert result.warning_lines() == []


@pytest.mark.parametrize(("name", "value", "used"), INVALID)
def test_invalid_value_warns_once_and_uses_the_default(
    tmp_path: Path, name: str, value: str, used: object
) -> None:
    result = _build(tmp_path, f"{name} = {value}\n")
    warnings = result.warning_lines()
    assert len(warnings) == 1, warnings
    assert f"{name} must be a" in warnings[0]
    assert warnings[0].endswith("[mmark.config]")
    assert getattr(mmark_settings(result.app.config), _field(name)) == used


def test_draft_left_out_by_default_and_built_when_asked(tmp_path: Path) -> None:
    assert "post" not in _build(tmp_path / "a", "").app.env.found_docs
    assert "post" in _build(tmp_path / "b", "mmark_build_drafts = True\n").app.env.found_docs


# --- the deprecated names ---------------------------------------------------------------


def test_renamed_options() -> None:
    assert [(r.old, r.new) for r in RENAMED] == [
        ("mmark_include_drafts", "mmark_build_drafts"),
        ("mmark_include_future", "mmark_build_future"),
        ("mmark_include_expired", "mmark_build_expired"),
    ]


@pytest.mark.parametrize("kind", ["drafts", "future", "expired"])
def test_old_name_warns_once_and_is_used(tmp_path: Path, kind: str) -> None:
    result = _build(tmp_path, f"mmark_include_{kind} = True\n")
    warnings = result.warning_lines()
    assert len(warnings) == 1, warnings
    assert f"mmark_include_{kind} is deprecated" in warnings[0]
    assert f"mmark_build_{kind}" in warnings[0]
    assert warnings[0].endswith("[mmark.config]")
    assert getattr(mmark_settings(result.app.config), f"build_{kind}") is True


def test_old_drafts_name_builds_drafts(tmp_path: Path) -> None:
    result = _build(tmp_path, "mmark_include_drafts = True\n")
    assert "post" in result.app.env.found_docs


def test_old_name_on_the_command_line(tmp_path: Path) -> None:
    result = _build(tmp_path, "", overrides={"mmark_include_drafts": "1"})
    assert len(result.warning_lines()) == 1
    assert "post" in result.app.env.found_docs


def test_new_name_wins_over_the_old_one(tmp_path: Path) -> None:
    result = _build(tmp_path, "mmark_include_drafts = True\nmmark_build_drafts = False\n")
    warnings = result.warning_lines()
    assert len(warnings) == 1
    assert "mmark_include_drafts is deprecated" in warnings[0]
    assert mmark_settings(result.app.config).build_drafts is False
    assert "post" not in result.app.env.found_docs


def test_old_name_with_an_invalid_value(tmp_path: Path) -> None:
    result = _build(tmp_path, 'mmark_include_drafts = "yes please"\n')
    warnings = result.warning_lines()
    assert len(warnings) == 1, warnings
    assert "mmark_include_drafts is deprecated" in warnings[0]
    assert "'yes please'" in warnings[0]
    assert warnings[0].endswith("[mmark.config]")
    assert mmark_settings(result.app.config).build_drafts is False


def test_old_names_unset_give_no_warning(tmp_path: Path) -> None:
    result = _build(tmp_path, "mmark_build_drafts = True\nmmark_build_future = False\n")
    assert result.warning_lines() == []


# --- the Hugo site -----------------------------------------------------------------------


@pytest.mark.parametrize("root", ["nowhere", "index.md"])
def test_missing_hugo_root_warns_once(tmp_path: Path, root: str) -> None:
    result = _build(tmp_path, f'mmark_hugo_root = "{root}"\n')
    warnings = result.warning_lines()
    assert len(warnings) == 1, warnings
    assert warnings[0].startswith("WARNING: mmark_hugo_root names")
    assert f"mmark_hugo_root names {tmp_path / root}, which is no folder" in result.warnings
    assert warnings[0].endswith("[mmark.config]")


def test_hugo_site_settings_are_typed_not_on_config(tmp_path: Path) -> None:
    site = {
        "site/hugo.toml": (
            'title = "Site"\ndisablePathToLower = true\n'
            '[permalinks]\nposts = "/:year/:slug/"\n[params]\nauthor = "Ann"\n'
        ),
        "site/static/images/x.png": b"png",
    }
    write_project(tmp_path, {**PAGES, **site}, conf='mmark_hugo_root = "site"\n')
    result = build(tmp_path, "dummy")
    assert result.warning_lines() == []
    settings = mmark_settings(result.app.config)
    assert settings.hugo_site.static_dirs == (str((tmp_path / "site" / "static").resolve()),)
    assert dict(settings.hugo_site.permalinks) == {"posts": "/:year/:slug/"}
    assert settings.hugo_site.lowercase_paths is False
    assert settings.hugo_params == {"author": "Ann"}
    assert [key for key in vars(result.app.config) if key.startswith("_mmark")] == []


def test_without_hugo_site_the_defaults(tmp_path: Path) -> None:
    settings = mmark_settings(_build(tmp_path, "").app.config)
    assert settings.hugo_site.static_dirs == ()
    assert dict(settings.hugo_site.permalinks) == {}
    assert settings.hugo_site.lowercase_paths is True


# --- the command line and the documentation ---------------------------------------------


def test_write_conf_uses_the_new_names(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(REPO / "examples" / "hugo-site", site)
    out = tmp_path / "out"
    args = ["build", str(site), str(out), "-q", "--write-conf", "--drafts", "--future"]
    assert main([*args, "--expired", "--builder", "dummy"]) == 0
    conf = (site / "content" / "conf.py").read_text(encoding="utf-8")
    for kind in ("drafts", "future", "expired"):
        assert f"mmark_build_{kind} = True" in conf
    assert "mmark_include_" not in conf


def test_build_drafts_option_of_the_command(tmp_path: Path) -> None:
    posts = tmp_path / "posts"
    posts.mkdir()
    (posts / "draft.md").write_text("---\ntitle: D\ndraft: true\n---\n\nSecret.\n", "utf-8")
    out = tmp_path / "out"
    assert main(["build", str(posts), str(out), "-q", "--drafts", "--builder", "html", "-W"]) == 0
    assert "Secret." in (out / "draft.html").read_text(encoding="utf-8")


def test_reference_lists_the_deprecated_names(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "path", [str(REPO / "docs" / "_ext"), *sys.path])
    (tmp_path / "conf.py").write_text('extensions = ["mmark_docs_reference"]\n', encoding="utf-8")
    (tmp_path / "index.rst").write_text("Names\n=====\n\n.. mmark-deprecated-config::\n", "utf-8")
    result = build(tmp_path, "html")
    assert result.warning_lines() == []
    html = result.html("index")
    for kind in ("drafts", "future", "expired"):
        old = html.index(f"mmark_include_{kind}")
        assert html.index(f"mmark_build_{kind}", old) > old
    assert html.count("(deprecated)") == 3
