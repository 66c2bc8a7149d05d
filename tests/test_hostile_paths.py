"""Paths from documents and site configurations never write outside the output folder.

Each build runs beside a ``victim`` folder; the whole tree around the project is
hashed before and after, and nothing outside the output folder may change.
Refused paths give one ``mmark.hugo`` warning naming the page; CLI mistakes
give one error line and exit status 2.
"""

from __future__ import annotations

import errno
import hashlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sphinx.cmd.build import build_main

from sphinx_mmark.cli import main
from sphinx_mmark.hugo.confine import RefusedWriteError, url_path
from sphinx_mmark.hugo.redirects import MARKER

SECRET = "the victim's notes\n"


def _snapshot(root: Path, skip: Path) -> dict[str, str]:
    """Every entry below ``root`` except ``skip`` and the build state the command keeps in
    ``SRC/.sphinx-mmark``: file hashes, link targets, folders."""
    entries: dict[str, str] = {}
    for folder, dirs, files in os.walk(root):
        here = Path(folder)
        dirs[:] = [d for d in dirs if here / d != skip and d != ".sphinx-mmark"]
        for name in dirs + files:
            path = here / name
            key = path.relative_to(root).as_posix()
            if path.is_symlink():
                entries[key] = "link " + os.readlink(path)
            elif path.is_dir():
                entries[key] = "folder"
            else:
                entries[key] = hashlib.sha256(path.read_bytes()).hexdigest()
    return entries


def _victim(tmp_path: Path) -> Path:
    victim = tmp_path / "victim"
    victim.mkdir()
    (victim / "notes.txt").write_text(SECRET, encoding="utf-8")
    return victim


def _page(title: str, **front: str) -> str:
    lines = [f"title: {title}", *(f"{key}: {value}" for key, value in front.items())]
    return "---\n" + "\n".join(lines) + f"\n---\n\n# {title}\n\nText of {title}.\n"


def _warnings(err: str) -> list[str]:
    return [line for line in err.splitlines() if "WARNING" in line]


def _one_warning(err: str, *parts: str) -> str:
    """The one warning line holding every one of ``parts``."""
    found = [line for line in _warnings(err) if all(part in line for part in parts)]
    assert len(found) == 1, (parts, err)
    return found[0]


def _sphinx_project(tmp_path: Path, pages: dict[str, str]) -> Path:
    src = tmp_path / "proj"
    src.mkdir()
    (src / "conf.py").write_text(
        'extensions = ["sphinx_mmark"]\nsuppress_warnings = ["toc.not_included"]\n', "utf-8"
    )
    (src / "index.md").write_text("# Home\n\nHello.\n", encoding="utf-8")
    (src / "_build").mkdir()
    for name, text in pages.items():
        (src / name).write_text(text, encoding="utf-8")
    return src


HOSTILE_ALIASES = {
    "/../../conf.py": "leads outside the output folder",
    "/../../../victim/notes.txt": "leads outside the output folder",
    "/%2e%2e/%2E%2e/%2e%2e/victim/notes.txt": "leads outside the output folder",
    "\\\\..\\\\..\\\\..\\\\victim\\\\notes.txt": "leads outside the output folder",
    "C:\\\\victim\\\\notes.txt": "names a drive",
    "/a\\0b/": "control character",
}


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_hostile_aliases(tmp_path: Path, capsys: pytest.CaptureFixture[str], builder: str) -> None:
    _victim(tmp_path)
    quoted = ", ".join(f'"{alias}"' for alias in [*HOSTILE_ALIASES, "/old/a/../place/"])
    src = _sphinx_project(tmp_path, {"moved.md": _page("Moved", aliases=f"[{quoted}]")})
    out = src / "_build" / builder
    before = _snapshot(tmp_path, out)
    assert build_main(["-q", "-b", builder, str(src), str(out)]) == 0
    assert _snapshot(tmp_path, out) == before
    err = capsys.readouterr().err
    for reason in set(HOSTILE_ALIASES.values()):
        count = list(HOSTILE_ALIASES.values()).count(reason)
        lines = [line for line in _warnings(err) if reason in line]
        assert len(lines) == count, err
        assert all("moved.md" in line and "[mmark.hugo]" in line for line in lines)
    assert len(_warnings(err)) == len(HOSTILE_ALIASES)
    # a `..` that stays inside the site still gets its redirect
    assert MARKER in (out / "old" / "place" / "index.html").read_text(encoding="utf-8")


def _hugo_site(tmp_path: Path, config: str, pages: dict[str, str]) -> Path:
    site = tmp_path / "site"
    (site / "content" / "posts").mkdir(parents=True)
    (site / "hugo.toml").write_text('title = "Site"\n' + config, encoding="utf-8")
    (site / "content" / "_index.md").write_text(_page("Home"), encoding="utf-8")
    for name, text in pages.items():
        (site / "content" / name).write_text(text, encoding="utf-8")
    return site


def test_url_slug_and_permalink_stay_inside(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    victim = _victim(tmp_path)
    pages = {
        "posts/by-pattern.md": _page("By pattern", slug="pattern"),
        "by-url.md": _page("By URL", url='"/../victim/notes.txt"'),
        "docs.md": _page("Docs", url='"/%2e%2e/victim/"'),
        "by-slug.md": _page("By slug", slug='"../victim"'),
    }
    site = _hugo_site(tmp_path, '[permalinks]\nposts = "/../victim/:slug/"\n', pages)
    out = tmp_path / "out"
    before = _snapshot(tmp_path, out)
    assert main(["build", str(site), str(out), "-q"]) == 0
    assert _snapshot(tmp_path, out) == before
    assert (victim / "notes.txt").read_text(encoding="utf-8") == SECRET
    err = capsys.readouterr().err
    for page in ("posts/by-pattern.md", "by-url.md", "docs.md", "by-slug.md"):
        _one_warning(err, page, "leads outside the output folder", "[mmark.hugo]")


def test_no_write_through_links_or_over_user_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    victim = _victim(tmp_path)
    aliases = '["/linked/x/", "/dangling/", "/user.html", "/fine/"]'
    src = _sphinx_project(tmp_path, {"moved.md": _page("Moved", aliases=aliases)})
    out = src / "_build" / "html"
    (out / "dangling").mkdir(parents=True)
    (out / "linked").symlink_to(victim, target_is_directory=True)  # a folder link inside OUT
    (out / "dangling" / "index.html").symlink_to(victim / "created.html")
    (out / "user.html").write_text("the user's own page\n", encoding="utf-8")
    before = _snapshot(tmp_path, out)
    assert build_main(["-q", "-b", "html", str(src), str(out)]) == 0
    assert _snapshot(tmp_path, out) == before
    assert sorted(p.name for p in victim.iterdir()) == ["notes.txt"]
    assert (out / "user.html").read_text(encoding="utf-8") == "the user's own page\n"
    err = capsys.readouterr().err
    _one_warning(err, "moved.md", "/linked/x/", "is a symbolic link", "[mmark.hugo]")
    _one_warning(err, "moved.md", "/dangling/", "is a symbolic link", "[mmark.hugo]")
    _one_warning(err, "moved.md", "/user.html", "sphinx-mmark did not write it")
    assert len(_warnings(err)) == 3
    assert MARKER in (out / "fine" / "index.html").read_text(encoding="utf-8")


def test_own_redirect_is_rewritten(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = _sphinx_project(tmp_path, {"moved.md": _page("Moved", aliases='["/old/"]')})
    out = src / "_build" / "html"
    assert build_main(["-q", "-b", "html", str(src), str(out)]) == 0
    (src / "moved.md").rename(src / "renamed.md")
    assert build_main(["-q", "-b", "html", str(src), str(out)]) == 0
    assert 'href="../renamed.html"' in (out / "old" / "index.html").read_text(encoding="utf-8")
    assert _warnings(capsys.readouterr().err) == []


def test_dangling_home_link(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    victim = _victim(tmp_path)
    posts = tmp_path / "posts"
    posts.mkdir()
    (posts / "a.md").write_text(_page("A"), encoding="utf-8")
    (posts / "index.md").symlink_to(victim / "home.md")
    out = tmp_path / "out"
    before = _snapshot(tmp_path, out)
    assert main(["build", str(posts), str(out), "-q"]) == 0
    assert _snapshot(tmp_path, out) == before
    assert not (victim / "home.md").exists()
    assert "Ignored unreadable document 'index.md'" in capsys.readouterr().err  # Sphinx's
    assert (out / "index.html").is_file()  # the generated home page


@pytest.mark.parametrize("static", ['["{victim}"]', '"../victim"'])
def test_static_dir_outside_the_site(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], static: str
) -> None:
    victim = _victim(tmp_path)
    site = _hugo_site(tmp_path, f"staticDir = {static.format(victim=victim)}\n", {})
    out = tmp_path / "out"
    before = _snapshot(tmp_path, out)
    assert main(["build", str(site), str(out), "-q"]) == 0
    assert _snapshot(tmp_path, out) == before
    assert not list(out.rglob("notes.txt"))
    _one_warning(capsys.readouterr().err, "staticDir", "is outside the site", "[mmark.hugo]")


def _one_line_error(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("sphinx-mmark: error: "), err
    return lines[0]


@pytest.fixture
def read_only(monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """Make a folder read-only (``chmod``; for root, which ignores modes, by refusing writes)."""
    folders: list[Path] = []

    def refuse(path: Any, flags: int = os.O_WRONLY) -> None:
        inside = any(Path(os.fspath(path)).resolve().is_relative_to(f) for f in folders)
        if inside and flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), os.fspath(path))

    real_mkdir, real_open = os.mkdir, os.open

    def mkdir(path: Any, *args: Any, **kwargs: Any) -> None:
        refuse(path)
        real_mkdir(path, *args, **kwargs)

    def open_(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        refuse(path, flags)
        return real_open(path, flags, *args, **kwargs)

    if os.geteuid() == 0:
        monkeypatch.setattr(os, "mkdir", mkdir)
        monkeypatch.setattr(os, "open", open_)

    def make(folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        folder.chmod(0o555)
        folders.append(folder.resolve())

    yield make
    for folder in folders:
        folder.chmod(0o755)


def _build_fails(tmp_path: Path, capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    """Run the CLI, which must fail with one error line and change nothing in SRC."""
    before = _snapshot(tmp_path / "site", tmp_path / "out")
    assert main(["build", str(tmp_path / "site"), *argv, "-q"]) == 2
    assert _snapshot(tmp_path / "site", tmp_path / "out") == before
    return _one_line_error(capsys.readouterr().err)


def test_static_dir_of_the_wrong_type(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _hugo_site(tmp_path, "staticDir = 9\n", {"posts/a.md": _page("A")})
    line = _build_fails(tmp_path, capsys, str(tmp_path / "out"))
    assert "staticDir" in line
    assert "not int" in line


@pytest.mark.parametrize("home", [True, False])
def test_output_that_cannot_be_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], read_only: Any, home: bool
) -> None:
    site = _hugo_site(tmp_path, "", {"posts/a.md": _page("A")})
    if not home:  # the build goes through a staging folder in OUT
        (site / "content" / "_index.md").unlink()
    (tmp_path / "file").write_text("x", encoding="utf-8")
    for out in (tmp_path / "file", tmp_path / "file" / "below"):
        assert "file" in _build_fails(tmp_path, capsys, str(out))
    read_only(tmp_path / "out")
    assert "denied" in _build_fails(tmp_path, capsys, str(tmp_path / "out"))


def test_write_conf_into_read_only_content(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], read_only: Any
) -> None:
    site = _hugo_site(tmp_path, "", {"posts/a.md": _page("A")})
    read_only(site / "content")
    line = _build_fails(tmp_path, capsys, str(tmp_path / "out"), "--write-conf")
    assert "denied" in line
    assert "conf.py" in line


def test_write_conf_keeps_a_user_edited_conf(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = _hugo_site(tmp_path, "", {"posts/a.md": _page("A")})
    conf = site / "content" / "conf.py"
    out = str(tmp_path / "out")
    assert main(["build", str(site), out, "-q", "--write-conf"]) == 0
    conf.write_text(conf.read_text(encoding="utf-8") + "html_theme = 'alabaster'\n", "utf-8")
    capsys.readouterr()
    assert "--force" in _build_fails(tmp_path, capsys, out, "--write-conf")
    assert main(["build", str(site), out, "-q", "--write-conf"]) == 2  # still refused
    assert main(["build", str(site), out, "-q", "--write-conf", "--force"]) == 0
    assert "alabaster" not in conf.read_text(encoding="utf-8")


def test_write_conf_not_through_a_link(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    victim = _victim(tmp_path)
    site = _hugo_site(tmp_path, "", {"posts/a.md": _page("A")})
    (site / "content" / "conf.py").symlink_to(victim / "conf.py")
    line = _build_fails(tmp_path, capsys, str(tmp_path / "out"), "--write-conf")
    assert "symbolic link" in line
    assert not (victim / "conf.py").exists()


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/a/b/../c/", "/a/c/"),
        ("/a/./b", "/a/b"),
        ("/a/%2E%2e/b.html", "/b.html"),
        ("\\a\\b\\", "/a/b/"),
        ("/x/..", "/"),
        ("/caf%C3%A9/", "/café/"),
        ("", "/"),
    ],
)
def test_url_path(path: str, expected: str) -> None:
    assert url_path(path) == expected


@pytest.mark.parametrize("path", ["/..", "/a/../../b", "/%2e%2e/b", "..\\b", "D:/b", "/a\nb"])
def test_url_path_refused(path: str) -> None:
    with pytest.raises(RefusedWriteError):
        url_path(path)
