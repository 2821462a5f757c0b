"""findings.html in headless Chromium: loads cleanly, filters, sorts, shows crops, escapes text.

One browser for the module (launching Chromium takes ~1 s); each test opens a fresh page.
Needs Debian `chromium` and PyPI `playwright` (driving the system Chromium, no browser download).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, sync_playwright

from pipeline.report import write_report
from pipeline.warehouse import connect
from tests.report_fixtures import (
    MONEV_SOURCE,
    SCRIPT_TEXT,
    Sample,
    shared_sample,
    without_findings,
)

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
VISIBLE_ROWS = "#findings tbody.finding:not([hidden])"


def _write(sample: Sample, out: Path) -> Path:
    con = connect(sample.db)
    try:
        return write_report(con, out, sample.raw).html
    finally:
        con.close()


@pytest.fixture(scope="module")
def report_sample(tmp_path_factory: pytest.TempPathFactory) -> Sample:
    return shared_sample(tmp_path_factory)


@pytest.fixture(scope="module")
def report_html(report_sample: Sample, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _write(report_sample, tmp_path_factory.mktemp("out"))


@pytest.fixture(scope="module")
def empty_html(report_sample: Sample, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("empty")
    return _write(without_findings(report_sample, folder), folder / "out")


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


class LoadedPage:
    """A page with the report loaded and every console message and page error kept."""

    def __init__(self, browser: Browser, html: Path) -> None:
        self.page: Page = browser.new_page(viewport={"width": 1600, "height": 1000})
        self.console: list[str] = []
        self.page.on("console", self._on_console)
        self.page.on("pageerror", lambda error: self.console.append(f"pageerror: {error}"))
        self.page.goto(html.as_uri())
        self.page.wait_for_load_state("load")

    def _on_console(self, message: ConsoleMessage) -> None:
        if message.type in ("error", "warning"):
            self.console.append(f"{message.type}: {message.text}")

    def visible_ids(self) -> list[str]:
        return self.page.eval_on_selector_all(VISIBLE_ROWS, "rows => rows.map(r => r.id)")


@pytest.fixture
def loaded(browser: Browser, report_html: Path) -> Iterator[LoadedPage]:
    page = LoadedPage(browser, report_html)
    yield page
    page.page.close()


ALL_IDS = ["finding-f-doc", "finding-f-formula", "finding-f-row9", "finding-f-renstra",
           "finding-f-tw2", "finding-f-missing"]


def test_the_page_loads_without_console_errors_and_keeps_a_screenshot(
        loaded: LoadedPage, tmp_path_factory: pytest.TempPathFactory) -> None:
    assert loaded.console == []
    assert loaded.visible_ids() == ALL_IDS
    assert loaded.page.inner_text("#shown-count") == "6"
    shot = tmp_path_factory.mktemp("screenshot") / "findings.png"
    loaded.page.screenshot(path=str(shot), full_page=True)
    print(f"screenshot of findings.html: {shot}")
    assert shot.stat().st_size > 0


def test_typing_a_rule_name_shows_only_its_findings(loaded: LoadedPage) -> None:
    loaded.page.fill("#filter-text", "capaian_mismatch")
    assert loaded.visible_ids() == ["finding-f-row9"]
    assert loaded.page.inner_text("#shown-count") == "1"
    assert loaded.page.is_visible("#finding-f-row9 img.crop")
    assert not loaded.page.is_visible("#finding-f-renstra img.crop")  # hidden with its finding
    loaded.page.fill("#filter-text", "")
    assert len(loaded.visible_ids()) == 6


def test_the_selects_combine(loaded: LoadedPage) -> None:
    loaded.page.select_option("#filter-document", MONEV_SOURCE)
    assert loaded.visible_ids() == ALL_IDS[:5]
    loaded.page.select_option("#filter-severity", "error")
    assert loaded.visible_ids() == ["finding-f-row9", "finding-f-renstra"]
    loaded.page.select_option("#filter-rule", "implausible_capaian")
    assert loaded.visible_ids() == ["finding-f-renstra"]
    loaded.page.fill("#filter-text", "2312,50")
    assert loaded.visible_ids() == ["finding-f-renstra"]
    loaded.page.fill("#filter-text", "no such text")
    assert (loaded.visible_ids(), loaded.page.inner_text("#shown-count")) == ([], "0")


def test_a_rule_in_the_summary_filters_the_table(loaded: LoadedPage) -> None:
    loaded.page.click("#rule-summary button[data-value='quarter_mismatch']")
    assert loaded.page.input_value("#filter-rule") == "quarter_mismatch"
    assert loaded.visible_ids() == ["finding-f-tw2"]


def test_headers_sort_the_rows(loaded: LoadedPage) -> None:
    loaded.page.click("#findings th:nth-child(3) button")  # severity, most severe first
    assert loaded.visible_ids()[:2] == ["finding-f-row9", "finding-f-renstra"]
    assert loaded.visible_ids()[-2:] == ["finding-f-doc", "finding-f-formula"]
    loaded.page.click("#findings th:nth-child(2) button")  # page ascending
    loaded.page.click("#findings th:nth-child(2) button")  # page descending
    pages = loaded.page.eval_on_selector_all(
        VISIBLE_ROWS, "rows => rows.map(r => Number(r.rows[0].cells[1].textContent))")
    assert pages == [8, 8, 8, 2, 1, 1]


def test_the_crops_are_images_the_browser_decoded(loaded: LoadedPage) -> None:
    sizes = loaded.page.eval_on_selector_all(
        "img.crop", "imgs => imgs.map(i => [i.closest('tbody').id, i.complete, i.naturalWidth])")
    assert [row for row, _, _ in sizes] == ALL_IDS[:5]
    assert all(complete and width > 0 for _, complete, width in sizes)
    renstra = "#finding-f-renstra img.crop"
    assert loaded.page.is_visible(renstra)
    shown, natural = loaded.page.eval_on_selector(renstra, "i => [i.clientWidth, i.naturalWidth]")
    assert 0 < shown < natural  # fitted to the window (1600 px) ...
    loaded.page.click(renstra)
    assert loaded.page.eval_on_selector(renstra, "i => i.clientWidth") == natural  # ... zoomable
    missing = loaded.page.inner_text("#finding-f-missing .no-crop")
    assert missing.startswith("source file not found: ")


def test_script_text_from_a_document_shows_as_text(loaded: LoadedPage) -> None:
    assert loaded.page.evaluate("window.injected === undefined")
    message = loaded.page.inner_text("#finding-f-doc td.message")
    assert message == f"The cover page reads {SCRIPT_TEXT}"


def test_an_empty_findings_table_says_no_findings(browser: Browser, empty_html: Path) -> None:
    page = LoadedPage(browser, empty_html)
    try:
        assert page.console == []
        assert page.page.inner_text("#no-findings") == (
            "No findings: the validators flagged nothing in these documents.")
        assert page.page.query_selector("#findings") is None
        assert page.page.inner_text("#overview") == (
            "0 findings in 1 documents; error: 0; warning: 0; info: 0.")
    finally:
        page.page.close()
