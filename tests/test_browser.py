"""The documentation site as a reader sees it, in a real (headless) Chromium.

The docs are built to HTML in a temporary directory, served on a loopback
port and opened with Playwright driving the system browser (Debian's
``chromium``; Playwright's own browser downloads are never used). The tests
click footnote references and their back-links, follow ``(#id)`` links, wait
for MathJax to typeset the maths and measure where an aside is drawn.

MathJax is served from the build itself, because the test machine has no internet:
MathJax 3 is taken from ``SPHINX_MMARK_MATHJAX`` (a folder holding ``tex-chtml.js``),
else from ``.cache/mathjax`` (where ``.ci/run`` installs it from the npm registry),
else installed with npm into a temporary directory, and copied into the build's
``_static``. Screenshots are kept in ``$SPHINX_MMARK_ARTIFACTS/screenshots/`` when
that variable is set (CI sets it), else in a temporary directory.

Everything here skips, with the reason, when Chromium or Playwright is not
installed; the maths test also when MathJax cannot be had (no npm).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from sphinx.application import Sphinx
from sphinx.util.console import strip_colors
from sphinx.util.docutils import docutils_namespace, patch_docutils

from .helpers import artifacts_dir

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
MATHJAX_CACHE = ROOT / ".cache" / "mathjax"
CHROMIUM = Path(os.environ.get("SPHINX_MMARK_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# wide enough for sphinx-book-theme to show its right margin column
VIEWPORT = {"width": 1400, "height": 900}

if not CHROMIUM.is_file():
    pytest.skip(
        f"no Chromium at {CHROMIUM} (apt-get install chromium, or set SPHINX_MMARK_CHROMIUM)",
        allow_module_level=True,
    )
sync_api = pytest.importorskip(
    "playwright.sync_api", reason="Playwright is not installed (pip install playwright)"
)


def _mathjax(scratch: Path) -> Path | None:
    """A folder with MathJax 3's ``tex-chtml.js`` and its fonts, or None; a missing one is
    installed with npm below ``scratch``."""
    configured = os.environ.get("SPHINX_MMARK_MATHJAX")
    if configured:
        return Path(configured) if (Path(configured) / "tex-chtml.js").is_file() else None
    cached = MATHJAX_CACHE / "node_modules" / "mathjax" / "es5"
    if (cached / "tex-chtml.js").is_file():
        return cached
    npm = shutil.which("npm")
    if npm is None:
        return None
    env = {**os.environ, "npm_config_cache": str(scratch / "npm-cache")}
    try:
        subprocess.run(
            [npm, "install", "--no-save", "--no-audit", "--no-fund", "--prefix",
             str(scratch), "mathjax@3"],
            check=True, capture_output=True, timeout=300, env=env,
        )  # fmt: skip
    except (subprocess.SubprocessError, OSError):
        return None
    es5 = scratch / "node_modules" / "mathjax" / "es5"
    return es5 if (es5 / "tex-chtml.js").is_file() else None


@pytest.fixture(scope="module")
def mathjax(tmp_path_factory: pytest.TempPathFactory) -> Path | None:
    return _mathjax(tmp_path_factory.mktemp("mathjax"))


@pytest.fixture(scope="module")
def screenshots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where screenshots go: the artifacts folder when one is asked for, else a temporary one."""
    return artifacts_dir("screenshots") or tmp_path_factory.mktemp("screenshots")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, mathjax: Path | None) -> Path:
    """The docs, built to HTML with MathJax (when there is one) served from ``_static``."""
    root = tmp_path_factory.mktemp("browser-docs")
    overrides: dict[str, Any] = {}
    if mathjax is not None:
        overrides["mathjax_path"] = "mathjax/tex-chtml.js"  # relative: under _static
    warnings = StringIO()
    with patch_docutils(DOCS), docutils_namespace():
        app = Sphinx(
            DOCS, DOCS, root / "html", root / "doctrees", "html",
            confoverrides=overrides, status=StringIO(), warning=warnings, freshenv=True,
        )  # fmt: skip
        app.build()
    assert strip_colors(warnings.getvalue()) == "", warnings.getvalue()
    if mathjax is not None:
        shutil.copytree(mathjax, root / "html" / "_static" / "mathjax")
    return root / "html"


@pytest.fixture(scope="module")
def server(site: Path) -> Iterator[str]:
    """The site served on a loopback port; yields its base URL."""

    class QuietHandler(SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(QuietHandler, directory=str(site)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()
    thread.join(timeout=5)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """A fresh headless Chromium profile (a persistent context in a new directory)."""
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_api.sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile),
            executable_path=str(CHROMIUM),
            headless=True,
            args=CHROMIUM_ARGS,
            viewport=VIEWPORT,
        )
        # nothing leaves the machine: any request to another host fails at once
        context.route(
            lambda url: not url.startswith("http://127.0.0.1:"), lambda route: route.abort()
        )
        yield context
        context.close()


@pytest.fixture
def page(browser: Any, screenshots: Path) -> Iterator[Any]:
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.errors = errors
    page.screenshots = screenshots
    yield page
    page.close()


def _screenshot(page: Any, name: str) -> None:
    path = page.screenshots / f"{name}.png"
    page.screenshot(path=str(path))
    assert path.stat().st_size > 0, f"the screenshot {name} is empty"


def _in_viewport(page: Any, element_id: str) -> bool:
    """Whether the element with this id is scrolled into the visible part of the window."""
    return bool(
        page.evaluate(
            """(id) => {
                const box = document.getElementById(id).getBoundingClientRect();
                return box.top >= -1 && box.top < window.innerHeight && box.height > 0;
            }""",
            element_id,
        )
    )


def _hash(page: Any) -> str:
    return str(page.evaluate("() => decodeURIComponent(location.hash)"))


def test_footnote_reference_jumps_to_its_note_and_the_back_link_returns(
    page: Any, server: str
) -> None:
    page.goto(f"{server}/examples/tree-height.html")
    reference = page.locator("a.footnote-reference#fnref-errors")
    assert reference.count() == 1
    assert not _in_viewport(page, "fn-errors"), "the note is visible without following the link"
    reference.click()
    page.wait_for_function("() => location.hash === '#fn-errors'")
    assert _in_viewport(page, "fn-errors"), "the footnote is not scrolled into view"
    assert page.evaluate("() => document.querySelector(':target').id") == "fn-errors"
    _screenshot(page, "footnote-note")

    back = page.locator("#fn-errors a[role='doc-backlink'], #fn-errors .backrefs a").first
    back.click()
    page.wait_for_function("() => location.hash === '#fnref-errors'")
    assert _in_viewport(page, "fnref-errors"), "the back-link does not return to the reference"
    assert not _in_viewport(page, "fn-errors")
    _screenshot(page, "footnote-back")
    assert page.errors == []


def test_xref_lands_on_its_target(page: Any, server: str) -> None:
    page.goto(f"{server}/examples/tree-height.html")
    link = page.locator("a.mmark-xref[href='#measurements']")
    assert link.inner_text() == "Measurements"
    page.evaluate("() => window.scrollTo(0, document.body.scrollHeight)")
    link.click()  # Playwright scrolls the link into view first
    page.wait_for_function("() => location.hash === '#measurements'")
    assert _hash(page) == "#measurements"
    assert page.evaluate("() => document.querySelector(':target').id") == "measurements"
    top = page.evaluate("() => document.getElementById('measurements').getBoundingClientRect().top")
    assert -1 <= top < 200, f"the (#id) target is not at the top of the window (top={top})"
    heading = page.locator("#measurements > h2, #measurements > h1").first
    assert heading.inner_text().startswith("Measurements")
    _screenshot(page, "xref-target")

    # a (#id) to another page opens that page at the target
    page.locator("a.mmark-xref[href='clinometer.html#calibration']").click()
    page.wait_for_url("**/clinometer.html#calibration")
    assert _in_viewport(page, "calibration")
    assert page.errors == []


def test_math_is_typeset_by_mathjax_without_errors(
    page: Any, server: str, mathjax: Path | None
) -> None:
    if mathjax is None:
        pytest.skip(
            "MathJax is not available: npm is not installed or `npm install mathjax@3` failed"
            " (or SPHINX_MMARK_MATHJAX does not hold tex-chtml.js)"
        )
    page.goto(f"{server}/examples/tree-height.html")
    # MathJax 3 resolves this promise when the first typesetting pass is done
    page.wait_for_function("() => window.MathJax && window.MathJax.startup", timeout=20_000)
    page.evaluate("() => MathJax.startup.promise")
    expected = page.locator("article span.math, article div.math").count()
    assert expected >= 2
    containers = page.locator("article mjx-container")
    assert containers.count() == expected, "not every formula was typeset"
    assert page.locator("article mjx-container[display='true']").count() >= 1
    assert page.locator("mjx-merror, [data-mjx-error]").count() == 0, "MathJax reports an error"
    # no TeX source left on the page: the delimiters were consumed
    assert "\\(" not in page.locator("article").inner_text()
    # real glyphs, laid out with a size
    box = containers.first.bounding_box()
    assert box is not None
    assert box["width"] > 0
    containers.first.scroll_into_view_if_needed()
    _screenshot(page, "math")
    assert page.errors == []


def test_aside_is_drawn_in_the_right_margin(page: Any, server: str) -> None:
    page.goto(f"{server}/syntax/structure.html")
    aside = page.locator("#asides aside.mmark-aside").first
    text = page.locator("#asides > p").first
    aside.scroll_into_view_if_needed()
    aside_box, text_box = aside.bounding_box(), text.bounding_box()
    assert aside_box is not None
    assert text_box is not None
    assert aside_box["x"] >= text_box["x"] + text_box["width"] - 1, (
        f"the aside ({aside_box}) is not right of the text column ({text_box})"
    )
    assert aside_box["x"] + aside_box["width"] <= VIEWPORT["width"]
    assert "180 years old" in aside.inner_text()
    _screenshot(page, "aside-margin")
    assert page.errors == []
