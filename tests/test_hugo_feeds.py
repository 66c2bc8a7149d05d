"""Feeds, sitemap, robots.txt and the 404 page of a Hugo site built with the ``hugo`` builder.

The expected item sets come from the sources' front matter (read here with
PyYAML), not from sphinx-mmark: every published regular page of the example
site is in the home feed, no draft, future or expired page is in any feed, and
every link points at a page the build wrote.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
import xml.etree.ElementTree as ET
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup
from defusedxml.ElementTree import fromstring

from sphinx_mmark.cli import main
from sphinx_mmark.parse.dates import is_expired, is_future

EXAMPLE = Path(__file__).parent.parent / "examples" / "hugo-site"
BASE = "https://example.org/"
ATOM_LINK = "{http://www.w3.org/2005/Atom}link"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def build_site(site: Path, out: Path) -> None:
    cache = str(out.parent / "cache")  # the build state stays out of the checkout
    assert main(["build", str(site), str(out), "-q", "--builder", "hugo", "--cacheDir", cache]) == 0


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("feeds") / "out"
    build_site(EXAMPLE, out)
    return out


def front_matter(path: Path) -> dict[str, object] | None:
    """The YAML or TOML front matter of a source, ``None`` when it cannot be read."""
    source = path.read_text(encoding="utf-8")
    fence = "+++\n" if source.startswith("+++") else "---\n"
    block = source.split(fence, 2)[1]
    try:
        data = tomllib.loads(block) if fence == "+++\n" else yaml.safe_load(block)
    except (yaml.YAMLError, tomllib.TOMLDecodeError):
        return None
    return data if isinstance(data, dict) else None


def sources(content: Path) -> dict[Path, dict[str, object] | None]:
    return {
        path: front_matter(path)
        for path in sorted(content.rglob("*"))
        if path.suffix in (".md", ".mmark")
    }


def published(data: dict[str, object] | None) -> bool:
    if data is None or data.get("draft") is True:
        return False
    return not is_future(data) and not is_expired(data)


def regular_titles(content: Path) -> tuple[set[str], set[str]]:
    """Titles of the published regular pages, and of the pages left out."""
    shown, hidden = set(), set()
    for path, data in sources(content).items():
        if path.stem == "_index":
            continue
        title = str((data or {}).get("title", path.stem))
        (shown if published(data) else hidden).add(title)
    return shown, hidden


def read_xml(path: Path) -> ET.Element:
    root: ET.Element = fromstring(path.read_bytes())
    return root


def text(element: ET.Element, tag: str) -> str:
    found = element.find(tag)
    assert found is not None, f"no <{tag}>"
    return found.text or ""


def served_file(out: Path, url: str, root: str = "/") -> Path:
    """The output file a web server answers ``url`` (absolute or from the root) with."""
    path = unquote(urlsplit(url).path)
    assert path.startswith(root), url
    relative = path[len(root) :]
    return (
        out / relative / "index.html" if relative.endswith("/") or not relative else out / relative
    )


def is_page(out: Path, url: str) -> bool:
    file = served_file(out, url)
    return file.is_file() and "http-equiv" not in file.read_text(encoding="utf-8")


def check_rss(feed: ET.Element) -> ET.Element:
    """Assert the required RSS 2.0 elements; the channel."""
    assert feed.tag == "rss"
    assert feed.get("version") == "2.0"
    channel = feed.find("channel")
    assert channel is not None
    for tag in ("title", "link", "description", "generator"):
        assert text(channel, tag), tag
    self_link = channel.find(ATOM_LINK)
    assert self_link is not None
    assert self_link.get("rel") == "self"
    for item in channel.findall("item"):
        assert text(item, "title")
        assert text(item, "link") == text(item, "guid")
        assert item.find("description") is not None
    return channel


def feed_files(out: Path) -> list[Path]:
    return sorted(out.rglob("index.xml"))


def test_every_feed_is_rss_with_absolute_links(example: Path) -> None:
    files = feed_files(example)
    assert example / "index.xml" in files
    assert example / "posts" / "index.xml" in files
    assert example / "tags" / "index.xml" in files
    assert example / "series" / "index.xml" in files
    for file in files:
        channel = check_rss(read_xml(file))
        assert text(channel, "language") == "en-us"  # the site's languageCode
        self_link = channel.find(ATOM_LINK)
        assert self_link is not None
        url = "/" + file.relative_to(example).as_posix()
        assert self_link.get("href") == urljoin(BASE, url)
        links = [text(channel, "link")] + [text(i, "link") for i in channel.findall("item")]
        for link in links:
            assert link.startswith(BASE), link
            assert is_page(example, link), link


def test_list_pages_link_their_feed(example: Path) -> None:
    for folder in (example, example / "posts", example / "tags"):
        soup = BeautifulSoup((folder / "index.html").read_text("utf-8"), "html.parser")
        link = soup.find("link", rel="alternate", type="application/rss+xml")
        assert link is not None, folder
        assert served_file(example, str(link["href"])).parent == folder
    post = (example / "posts" / "first-light" / "index.html").read_text("utf-8")
    assert "application/rss+xml" not in post


def test_home_feed_holds_the_published_pages(example: Path) -> None:
    shown, hidden = regular_titles(EXAMPLE / "content")
    channel = read_xml(example / "index.xml").find("channel")
    assert channel is not None
    titles = [text(item, "title") for item in channel.findall("item")]
    assert sorted(titles) == sorted(shown)
    every_feed = "".join(file.read_text("utf-8") for file in feed_files(example))
    for title in hidden:
        assert title not in every_feed, title
    assert "must never publish it" not in every_feed  # the draft with broken front matter


def test_items_newest_first_and_dated(example: Path) -> None:
    channel = read_xml(example / "posts" / "index.xml").find("channel")
    assert channel is not None
    dates = [parsedate_to_datetime(text(item, "pubDate")) for item in channel.findall("item")]
    assert dates
    assert dates == sorted(dates, reverse=True)
    assert parsedate_to_datetime(text(channel, "lastBuildDate")) == dates[0]
    assert text(channel, "title").endswith(" on Field Notes")


def test_taxonomy_feed_lists_terms(example: Path) -> None:
    channel = read_xml(example / "tags" / "index.xml").find("channel")
    assert channel is not None
    tags = set()
    for data in sources(EXAMPLE / "content").values():
        if published(data) and data is not None:
            tags |= {str(tag) for tag in data.get("tags", []) or []}  # type: ignore[union-attr]
    assert {text(item, "title") for item in channel.findall("item")} == tags
    for item in channel.findall("item"):
        term = served_file(example, text(item, "link")).parent
        assert (term / "index.xml").is_file()


def test_summary_is_the_text_before_more(example: Path) -> None:
    source = (EXAMPLE / "content" / "posts" / "first-light.md").read_text("utf-8")
    before_more = source.split("---\n", 2)[2].split("<!--more-->")[0].strip()
    channel = read_xml(example / "index.xml").find("channel")
    assert channel is not None
    item = next(i for i in channel.findall("item") if text(i, "title") == "First light")
    assert text(item, "description") == before_more


def test_sitemap(example: Path) -> None:
    urlset = read_xml(example / "sitemap.xml")
    assert urlset.tag == f"{SITEMAP}urlset"
    locs = [loc.text or "" for loc in urlset.iter(f"{SITEMAP}loc")]
    assert len(locs) == len(set(locs))
    for loc in locs:
        assert loc.startswith(BASE), loc
        assert "/page/" not in loc
        assert is_page(example, loc), loc
    channels = [read_xml(file).find("channel") for file in feed_files(example)]
    lists = {text(channel, "link") for channel in channels if channel is not None}
    assert lists <= set(locs)  # home, sections, taxonomies, terms
    for lastmod in urlset.iter(f"{SITEMAP}lastmod"):
        assert dt.datetime.fromisoformat(lastmod.text or "").tzinfo is not None


def test_robots_txt_when_enabled(example: Path) -> None:
    assert "enableRobotsTXT = true" in (EXAMPLE / "hugo.toml").read_text("utf-8")
    assert (example / "robots.txt").read_text("utf-8").strip() == "User-agent: *"


def small_site(root: Path, config: str, pages: dict[str, str]) -> Path:
    (root / "content").mkdir(parents=True)
    (root / "hugo.toml").write_text(config, encoding="utf-8")
    for name, body in pages.items():
        path = root / "content" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(body, encoding="utf-8")
    return root


def post(title: str, date: str, body: str, extra: str = "") -> str:
    return f'---\ntitle: "{title}"\ndate: {date}\nmarkup: mmark\n{extra}---\n\n{body}\n'


LONG = " ".join(f"Sentence {n} has five words." for n in range(1, 40))


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A site under /blog/ with rssLimit, a long post and a given summary."""
    root = small_site(
        tmp_path_factory.mktemp("small"),
        'baseURL = "https://example.net/blog/"\ntitle = "Small"\nrssLimit = 2\n',
        {
            "posts/long.md": post("Long", "2023-01-03", LONG),
            "posts/given.md": post("Given", "2023-01-02", "Body.", 'summary: "My summary"\n'),
            "posts/old.md": post("Old", "2023-01-01", "Old body."),
        },
    )
    out = root / "out"
    build_site(root, out)
    return out, ""


def test_rss_limit_and_summaries(small: tuple[Path, str]) -> None:
    out, _ = small
    channel = check_rss(read_xml(out / "index.xml"))
    items = channel.findall("item")
    assert [text(item, "title") for item in items] == ["Long", "Given"]  # rssLimit = 2
    long, given = (text(item, "description") for item in items)
    assert given == "My summary"
    assert LONG.startswith(long)
    assert long.endswith(".")
    assert 70 <= len(long.split()) < 75  # 70 words, to the end of the sentence
    assert text(items[0], "link") == "https://example.net/blog/posts/long/"


def test_404_links_start_at_the_site_root(small: tuple[Path, str]) -> None:
    out, _ = small
    page = out / "404.html"
    soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
    assert "Page not found" in soup.get_text()
    base_tag = soup.find("base")
    base = str(base_tag["href"]) if base_tag is not None else ""
    assert base.startswith("/blog/")
    links = [
        str(tag.get("href") or tag.get("src")) for tag in soup.find_all(["a", "link", "script"])
    ]
    assert "/blog/" in links  # the link home
    # a missing page deep below the root: every local link still reaches a file
    for link in links:
        if link == "None" or link.startswith(("#", "http://", "https://", "mailto:")):
            continue
        url = urljoin(urljoin("/blog/a/b/c/missing", base), link)
        target = served_file(out, url.split("?")[0], root="/blog/")
        assert target.is_file(), (link, url)


def test_without_base_url_one_warning(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = small_site(
        tmp_path / "site", 'title = "No base"\n', {"a.md": post("A", "2020-01-01", "Hi.")}
    )
    out = tmp_path / "out"
    build_site(root, out)
    warnings = [line for line in capsys.readouterr().err.splitlines() if "baseURL" in line]
    assert len(warnings) == 1
    assert "mmark.hugo" in warnings[0]
    channel = check_rss(read_xml(out / "index.xml"))
    assert [text(item, "link") for item in channel.findall("item")] == ["/a/"]
    assert not (out / "robots.txt").exists()  # enableRobotsTXT is off
    assert re.search(r"<loc>/a/</loc>", (out / "sitemap.xml").read_text("utf-8"))
