"""The ``sphinx-mmark`` command: its kinds of source, every option of ``build`` and
``serve``, where it writes, and its one-line errors."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from sphinx_mmark.cli import main, parser, sphinx_run
from sphinx_mmark.cli.serve import build_command
from sphinx_mmark.hugo.site import SourceError, classify

POST = "---\ntitle: {title}\ndate: {date}\n---\n\nText of {title}.\n"


def _posts(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "older.md").write_text(POST.format(title="Older", date="2020-01-01"), "utf-8")
    (folder / "newer.mmark").write_text(POST.format(title="Newer", date="2021-01-01"), "utf-8")
    (folder / "draft.md").write_text(
        "---\ntitle: Draft\ndraft: true\n---\n\nSecret.\n", encoding="utf-8"
    )
    (folder / "future.md").write_text(POST.format(title="Later", date="2999-01-01"), "utf-8")
    (folder / "expired.md").write_text(
        "---\ntitle: Gone\ndate: 2001-01-01\nexpiryDate: 2002-01-01\n---\n\nOld news.\n", "utf-8"
    )
    return folder


def _site(root: Path, config: str = 'title = "Tiny"\nbaseURL = "https://tiny.example/"\n') -> Path:
    """A Hugo site with one section and no ``_index.md``."""
    (root / "content" / "posts").mkdir(parents=True)
    (root / "hugo.toml").write_text(config, encoding="utf-8")
    (root / "content" / "posts" / "hello.md").write_text(
        POST.format(title="Hello", date="2021-03-04"), encoding="utf-8"
    )
    return root


def _error_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("sphinx-mmark: error: "), err
    return lines[0]


# --- kinds of source, default folders -----------------------------------------------------


def test_classify(tmp_path: Path) -> None:
    (tmp_path / "sphinx").mkdir()
    (tmp_path / "sphinx" / "conf.py").write_text("", encoding="utf-8")
    (tmp_path / "hugo" / "content").mkdir(parents=True)
    (tmp_path / "hugo" / "config.yaml").write_text("title: x\n", encoding="utf-8")
    _posts(tmp_path / "posts")
    (tmp_path / "empty").mkdir()
    assert classify(tmp_path / "sphinx") == "sphinx"
    assert classify(tmp_path / "hugo") == "hugo"
    assert classify(tmp_path / "posts") == "posts"
    with pytest.raises(SourceError):
        classify(tmp_path / "empty")


def test_defaults_current_folder_and_public(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No SRC, no OUT: the current folder into ``public/``, state in ``.sphinx-mmark/hugo``."""
    posts = _posts(tmp_path / "posts")
    monkeypatch.chdir(posts)
    assert main(["build", "-q"]) == 0
    out = posts / "public"
    index = (out / "index.html").read_text(encoding="utf-8")
    assert index.index("Newer") < index.index("Older")  # newest first
    assert (out / "newer" / "index.html").is_file()
    assert not (out / "draft").exists()
    assert not (out / "public").exists()  # the output folder is not read as content
    for leftover in (".doctrees", ".sphinx-mmark", "_sources"):
        assert not (out / leftover).exists(), leftover
    assert (posts / ".sphinx-mmark" / "hugo" / "environment.pickle").is_file()


def test_hugo_site_is_read_where_it_is(tmp_path: Path) -> None:
    """No staging folder of links: the home page is the extension's, the build reads content/."""
    site = _site(tmp_path / "site")
    assert main(["build", str(site), "-q"]) == 0
    out = site / "public"
    assert (out / "index.html").is_file()
    assert (out / "posts" / "hello" / "index.html").is_file()
    assert not (out / ".sphinx-mmark").exists()
    assert not any(path.is_symlink() for path in site.rglob("*"))


def test_destination_option(tmp_path: Path) -> None:
    posts = _posts(tmp_path / "posts")
    out = tmp_path / "elsewhere"
    assert main(["build", str(posts), "-d", str(out), "-q"]) == 0
    assert (out / "index.html").is_file()
    assert not (posts / "public").exists()


def test_destination_and_out_must_agree(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    posts = _posts(tmp_path / "posts")
    assert main(["build", str(posts), str(tmp_path / "a"), "-d", str(tmp_path / "b")]) == 2
    assert "-d/--destination" in _error_line(capsys.readouterr().err)


def test_cache_dir_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    posts = _posts(tmp_path / "posts")
    out, cache = tmp_path / "out", tmp_path / "cache"
    assert main(["build", str(posts), str(out), "-q", "--cacheDir", str(cache)]) == 0
    assert (cache / "hugo" / "environment.pickle").is_file()
    assert not (posts / ".sphinx-mmark").exists()
    capsys.readouterr()
    assert main(["build", str(posts), str(out), "--cacheDir", str(out / "state")]) == 2
    assert "inside the output folder" in _error_line(capsys.readouterr().err)


# --- Hugo's options ------------------------------------------------------------------------


@pytest.mark.parametrize("flag", ["-D", "--buildDrafts", "--drafts"])
def test_build_drafts(tmp_path: Path, flag: str) -> None:
    out = tmp_path / "out"
    assert main(["build", str(_posts(tmp_path / "posts")), str(out), "-q", flag]) == 0
    assert "Secret." in (out / "draft" / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("flags", "page"),
    [(["-F"], "future"), (["--buildFuture"], "future"), (["-E"], "expired"),
     (["--buildExpired"], "expired"), (["--future", "--expired"], "both")],
)  # fmt: skip
def test_build_future_and_expired(tmp_path: Path, flags: list[str], page: str) -> None:
    posts = _posts(tmp_path / "posts")
    plain, given = tmp_path / "plain", tmp_path / "given"
    assert main(["build", str(posts), str(plain), "-q"]) == 0
    assert main(["build", str(posts), str(given), "-q", *flags]) == 0
    names = ["future", "expired"] if page == "both" else [page]
    for name in names:
        assert not (plain / name).exists()
        assert (given / name / "index.html").is_file()


@pytest.mark.parametrize("flag", ["-b", "--baseURL"])
def test_base_url(tmp_path: Path, flag: str) -> None:
    site = _site(tmp_path / "site")
    out = tmp_path / "out"
    assert main(["build", str(site), str(out), "-q", flag, "https://new.example/blog/"]) == 0
    page = (out / "posts" / "hello" / "index.html").read_text(encoding="utf-8")
    assert 'rel="canonical" href="https://new.example/blog/' in page
    assert "tiny.example" not in page


def test_base_url_is_not_the_builder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``-b html`` from sphinx-build habit: an error that names ``--builder``."""
    assert main(["build", str(_posts(tmp_path / "posts")), str(tmp_path / "o"), "-b", "html"]) == 2
    assert "--builder html" in _error_line(capsys.readouterr().err)


@pytest.mark.parametrize("flag", ["--clean", "--cleanDestinationDir"])
def test_clean(tmp_path: Path, flag: str) -> None:
    posts = _posts(tmp_path / "posts")
    out = tmp_path / "out"
    outside = tmp_path / "outside"
    (outside / "keep").mkdir(parents=True)
    (outside / "keep" / "file.txt").write_text("precious", encoding="utf-8")
    (out / "stale" / "deep").mkdir(parents=True)
    (out / "stale" / "deep" / "old.html").write_text("old", encoding="utf-8")
    (out / ".git").mkdir()
    (out / ".git" / "HEAD").write_text("ref", encoding="utf-8")
    (out / ".doctrees").mkdir()
    (out / "link").symlink_to(outside / "keep")
    (out / "stale" / "inner-link").symlink_to(outside / "keep")
    assert main(["build", str(posts), str(out), "-q"]) == 0
    assert (out / "stale").is_dir()  # without the option, nothing is removed
    assert main(["build", str(posts), str(out), "-q", flag]) == 0
    assert not (out / "stale").exists()
    assert not (out / "link").exists()
    assert not (out / ".doctrees").exists()
    assert (out / ".git" / "HEAD").is_file()
    assert (outside / "keep" / "file.txt").read_text(encoding="utf-8") == "precious"
    assert (out / "index.html").is_file()


def test_clean_refuses_dangerous_outputs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    posts = _posts(tmp_path / "site" / "posts")
    real = tmp_path / "real"
    real.mkdir()
    (real / "mine.txt").write_text("x", encoding="utf-8")
    (tmp_path / "linked").symlink_to(real)
    for out, reason in (
        (posts, "is the source folder"),
        (tmp_path / "site", "contains the source folder"),
        (tmp_path / "linked", "symbolic link"),
    ):
        assert main(["build", str(posts), str(out), "-q", "--clean"]) == 2
        assert reason in _error_line(capsys.readouterr().err)
    assert (real / "mine.txt").is_file()
    assert (posts / "older.md").is_file()


# --- sphinx-build's options --------------------------------------------------------------


def test_builder_option(tmp_path: Path) -> None:
    posts = _posts(tmp_path / "posts")
    out = tmp_path / "out"
    assert main(["build", str(posts), str(out), "-q", "--builder", "html"]) == 0
    assert (out / "older.html").is_file()
    assert main(["build", str(posts), "-q", "--builder", "text"]) == 0
    assert (posts / "_build" / "text" / "older.txt").is_file()  # non-HTML: not public/


def test_define_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    posts = _posts(tmp_path / "posts")
    out = tmp_path / "out"
    argv = ["build", str(posts), str(out), "-q", "--define", "html_title=Defined title"]
    assert main([*argv, "--define", "mmark_build_drafts=1"]) == 0
    assert "Defined title" in (out / "index.html").read_text(encoding="utf-8")
    assert (out / "draft" / "index.html").is_file()  # converted to the option's type
    capsys.readouterr()
    assert main(["build", str(posts), str(out), "--define", "novalue"]) == 2
    assert "NAME=VALUE" in _error_line(capsys.readouterr().err)


def test_fresh_env_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    posts = _posts(tmp_path / "posts")
    out = tmp_path / "out"
    assert main(["build", str(posts), str(out)]) == 0
    capsys.readouterr()
    assert main(["build", str(posts), str(out)]) == 0
    assert "0 added, 0 changed" in capsys.readouterr().out
    assert main(["build", str(posts), str(out), "--fresh-env"]) == 0
    assert "0 added, 0 changed" not in capsys.readouterr().out


def _sphinx_project(folder: Path, text: str) -> Path:
    folder.mkdir()
    (folder / "conf.py").write_text("extensions = []\n", encoding="utf-8")
    (folder / "index.rst").write_text(text, encoding="utf-8")
    return folder


def test_nitpicky_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = _sphinx_project(tmp_path / "proj", "Title\n=====\n\nSee :py:func:`nowhere`.\n")
    assert main(["build", str(src), str(tmp_path / "a"), "-q"]) == 0
    assert "nowhere" not in capsys.readouterr().err
    assert main(["build", str(src), str(tmp_path / "b"), "-q", "-n"]) == 0
    assert "py:func reference target not found: nowhere" in capsys.readouterr().err


def test_warnings_are_errors_option(tmp_path: Path) -> None:
    src = _sphinx_project(tmp_path / "proj", "Title\n=====\n\n.. unknown-directive::\n")
    assert (
        main(["build", str(src), str(tmp_path / "a"), "-q", "--cacheDir", str(tmp_path / "c")]) == 0
    )
    assert main(["build", str(src), str(tmp_path / "b"), "-q", "-W"]) == 1


@pytest.mark.parametrize("value", ["2", "auto"])
def test_jobs_option(tmp_path: Path, value: str) -> None:
    out = tmp_path / "out"
    assert main(["build", str(_posts(tmp_path / "posts")), str(out), "-q", "-j", value]) == 0
    assert (out / "older" / "index.html").is_file()


@pytest.mark.parametrize("value", ["0", "many"])
def test_jobs_option_refuses(tmp_path: Path, value: str) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["build", str(tmp_path), "-j", value])
    assert stop.value.code == 2


def test_quiet_verbose_and_the_myst_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    posts = _posts(tmp_path / "posts")
    assert main(["build", str(posts), str(tmp_path / "a"), "-q"]) == 0
    assert capsys.readouterr().out == ""
    assert main(["build", str(posts), str(tmp_path / "b")]) == 0
    normal = capsys.readouterr().out
    assert "build succeeded" in normal
    assert "myst v" not in normal
    assert main(["build", str(posts), str(tmp_path / "c"), "-v"]) == 0
    assert "MdParserConfig(" in capsys.readouterr().out


def test_traceback_option(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_args: object) -> int:
        raise RuntimeError("boom")

    monkeypatch.setattr(sphinx_run, "_build", broken)
    posts = _posts(tmp_path / "posts")
    assert main(["build", str(posts), str(tmp_path / "o"), "-q"]) == 2
    line = _error_line(capsys.readouterr().err)
    assert "RuntimeError: boom" in line
    assert "-T" in line
    with pytest.raises(RuntimeError, match="boom"):
        main(["build", str(posts), str(tmp_path / "o"), "-q", "-T"])


# --- missing packages: one line with the fix -----------------------------------------------


def test_missing_theme(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    posts = _posts(tmp_path / "posts")
    assert main(["build", str(posts), str(tmp_path / "o"), "--theme", "no_such_theme"]) == 2
    assert "pip install no-such-theme" in _error_line(capsys.readouterr().err)


@pytest.mark.parametrize(
    ("module", "argv", "fix"),
    [("ablog", ["build", "--ablog"], "pip install 'sphinx-mmark[ablog]'"),
     ("sphinx_autobuild", ["serve"], "pip install 'sphinx-mmark[serve]'"),
     ("sphinx_book_theme", ["build"], "pip install sphinx-book-theme")],
)  # fmt: skip
def test_missing_package(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    module: str,
    argv: list[str],
    fix: str,
) -> None:
    monkeypatch.setitem(sys.modules, module, None)  # find_spec: not installed
    site = _site(tmp_path / "site")
    assert main([argv[0], str(site), *argv[1:], "-q"]) == 2
    assert fix in _error_line(capsys.readouterr().err)
    assert not (site / "public").exists()


def test_pdf_without_latexmk(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "nothing"))
    posts = _posts(tmp_path / "posts")
    assert main(["build", str(posts), "--pdf", "-q"]) == 2
    assert "latexmk" in _error_line(capsys.readouterr().err)
    assert main(["build", str(posts), "--pdf", "--builder", "html", "-q"]) == 2
    assert "latex builder" in _error_line(capsys.readouterr().err)


def test_pdf(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for tool in ("latexmk", "pdflatex"):
        if shutil.which(tool) is None:
            pytest.skip(f"{tool} is not installed: no PDF is compiled")
    posts = _posts(tmp_path / "posts")
    assert main(["build", str(posts), "--pdf", "-q"]) == 0
    pdfs = sorted((posts / "_build" / "latex").glob("*.pdf"))
    assert pdfs
    assert pdfs[0].read_bytes().startswith(b"%PDF")
    assert f"sphinx-mmark: PDF: {pdfs[0]}" in capsys.readouterr().out


# --- other sources and errors --------------------------------------------------------------


def test_sphinx_project_gets_the_extension(tmp_path: Path) -> None:
    src = tmp_path / "proj"
    src.mkdir()
    (src / "conf.py").write_text("extensions = []\n", encoding="utf-8")
    (src / "index.mmark").write_text("# Hello\n\nSum $$x^2$$.\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(src), str(out), "-q"]) == 0
    html = (out / "index.html").read_text(encoding="utf-8")
    assert '<span class="math notranslate nohighlight">\\(x^2\\)</span>' in html
    assert (src / ".sphinx-mmark" / "html" / "environment.pickle").is_file()
    assert not (out / ".doctrees").exists()


def test_write_conf(tmp_path: Path) -> None:
    site = _site(tmp_path / "site")
    assert main(["build", str(site), str(tmp_path / "out"), "-q", "--write-conf"]) == 0
    conf = (site / "content" / "conf.py").read_text(encoding="utf-8")
    assert "html_copy_source = False" in conf
    assert "root_doc" not in conf
    assert not (site / "content" / "_index.md").exists()  # the extension makes the home page
    assert main(["build", str(site / "content"), str(tmp_path / "again"), "-q"]) == 0
    assert (tmp_path / "again" / "index.html").is_file()


def _run_module(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sphinx_mmark", *argv],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def test_wrong_folder_is_a_one_line_error(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.txt").write_text("x", encoding="utf-8")
    for folder in (tmp_path / "empty", tmp_path / "missing"):
        proc = _run_module("build", str(folder), str(tmp_path / "o"))
        assert proc.returncode == 2
        _error_line(proc.stderr)


def test_broken_hugo_config_is_a_one_line_error(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "content").mkdir(parents=True)
    (site / "hugo.toml").write_text('title = "unclosed\n', encoding="utf-8")
    proc = _run_module("build", str(site), str(tmp_path / "o"))
    assert proc.returncode == 2
    assert "hugo.toml" in _error_line(proc.stderr)


def test_console_script_is_declared() -> None:
    text = (Path(__file__).parent.parent / "pyproject.toml").read_text(encoding="utf-8")
    assert 'sphinx-mmark = "sphinx_mmark.cli:main"' in text


# --- serve --------------------------------------------------------------------------------

SHARED = ("drafts", "future", "expired", "builder", "define", "nitpicky", "fail_on_warning",
          "jobs", "quiet", "verbose", "traceback", "theme", "ablog")  # fmt: skip
"""The options ``serve`` passes on to each rebuild."""


def test_serve_rebuilds_with_the_build_options(tmp_path: Path) -> None:
    """The rebuild command, read back by the ``build`` parser, has serve's options."""
    given = ["-D", "-F", "-E", "--builder", "html", "--define", "a=b", "--define", "c=d", "-n",
             "-W", "-j", "2", "-q", "-vv", "-T", "--theme", "alabaster", "--ablog"]  # fmt: skip
    served = parser().parse_args(["serve", str(tmp_path), *given])
    command = build_command(served, tmp_path, tmp_path / "cache")
    assert command[:4] == [sys.executable, "-m", "sphinx_mmark", "build"]
    built = parser().parse_args(command[3:])
    for name in SHARED:
        assert getattr(built, name) == getattr(served, name), name
    assert built.base_url == "http://127.0.0.1:1313/"  # as hugo server: the preview's address
    assert built.output == tmp_path / "cache" / "public"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return None


@pytest.fixture
def served_site(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """A Hugo site served by ``sphinx-mmark serve`` on a free port; stopped afterwards."""
    pytest.importorskip("sphinx_autobuild")
    site = _site(tmp_path / "site")
    port = _free_port()
    log = (tmp_path / "serve.log").open("w", encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "sphinx_mmark", "serve", str(site), "-q", "--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        yield site, f"http://127.0.0.1:{port}/"
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        log.close()


def _wait_for(url: str, text: str, seconds: float = 90) -> str:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        page = _fetch(url)
        if page is not None and text in page:
            return page
        time.sleep(0.3)
    raise AssertionError(f"{url} did not show {text!r} within {seconds} s")


def test_serve(served_site: tuple[Path, str]) -> None:
    site, url = served_site
    home = _wait_for(url, "Tiny")
    assert "/websocket-reload" in home  # the reload script
    post = _wait_for(url + "posts/hello/", "Text of Hello.")
    assert 'href="http://127.0.0.1:' in post  # the preview's base URL
    page = site / "content" / "posts" / "hello.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nA changed line.\n", encoding="utf-8")
    _wait_for(url + "posts/hello/", "A changed line.")
    assert not (site / "public").exists()  # the preview is not the published folder
