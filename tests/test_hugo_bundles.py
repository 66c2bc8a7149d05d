"""Page-bundle resources (and the other files of ``content/``) at their Hugo URLs."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sphinx_mmark.cli import main

EXAMPLE = Path(__file__).parent.parent / "examples" / "hugo-site"


def build_site(site: Path, out: Path) -> None:
    cache = str(out.parent / "cache")  # the build state stays out of the checkout
    assert main(["build", str(site), str(out), "-q", "--builder", "hugo", "--cacheDir", cache]) == 0


def post(title: str, extra: str = "") -> str:
    return f'---\ntitle: "{title}"\ndate: 2021-01-01\nmarkup: mmark\n{extra}---\n\nText.\n'


def test_example_bundle_image(tmp_path: Path) -> None:
    out = tmp_path / "out"
    build_site(EXAMPLE, out)
    source = EXAMPLE / "content" / "posts" / "bundle-post" / "moon.png"
    assert (out / "posts" / "bundle-post" / "moon.png").read_bytes() == source.read_bytes()


@pytest.fixture
def site(tmp_path: Path) -> Path:
    content = tmp_path / "site" / "content"
    files: dict[str, str] = {
        "posts/trip/index.md": post("Trip", 'slug: "the-trip"\n'),
        "posts/trip/photo.jpg": "photo",
        "posts/trip/data/table.csv": "a,b",
        "posts/trip/.hidden": "secret",
        "posts/trip/notes.md": "---\ntitle: notes\n---\nnot a resource\n",
        "posts/hidden/index.md": post("Hidden", "draft: true\n"),
        "posts/hidden/draft.png": "draft image",
        "posts/_index.md": post("Posts"),
        "posts/banner.png": "banner",
    }
    for name, body in files.items():
        path = content / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(body, encoding="utf-8")
    (tmp_path / "site" / "hugo.toml").write_text('title = "B"\nbaseURL = "https://e.org/"\n')
    outside = tmp_path / "outside.txt"
    outside.write_text("outside the site", encoding="utf-8")
    (content / "posts" / "trip" / "escape.txt").symlink_to(outside)
    (content / "posts" / "trip" / "inside.txt").symlink_to(content / "posts" / "banner.png")
    return tmp_path / "site"


def test_resources_at_the_page_url(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    build_site(site, out)
    trip = out / "posts" / "the-trip"  # the slug moves the bundle and its files
    assert (trip / "photo.jpg").read_text() == "photo"
    assert (trip / "data" / "table.csv").read_text() == "a,b"
    assert (trip / "inside.txt").read_text() == "banner"  # a link inside the content folder
    assert (out / "posts" / "banner.png").read_text() == "banner"
    for absent in (".hidden", "notes.md", "escape.txt"):
        assert not (trip / absent).exists(), absent
    assert not (out / "posts" / "trip" / "photo.jpg").exists()  # not at the folder's path
    assert not list(out.rglob("draft.png"))  # a draft's bundle is not published
    assert "outside the site" not in "".join(
        p.read_text("utf-8", "replace") for p in out.rglob("*.txt")
    )
    warnings = [line for line in capsys.readouterr().err.splitlines() if "escape.txt" in line]
    assert len(warnings) == 1
    assert "mmark.hugo" in warnings[0]


def test_copied_again_only_when_changed(site: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build_site(site, out)
    copy = out / "posts" / "the-trip" / "photo.jpg"
    os.utime(copy, ns=(0, copy.stat().st_mtime_ns))  # mark: a rewrite would reset atime
    build_site(site, out)
    assert copy.stat().st_atime_ns == 0
    source = site / "content" / "posts" / "trip" / "photo.jpg"
    source.write_text("new photo", encoding="utf-8")
    build_site(site, out)
    assert copy.read_text() == "new photo"
