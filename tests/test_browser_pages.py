"""Every page of the navigation, in Indonesian and in English, in real headless Chromium.

One app start serves the whole tour: the table below is walked in one browser session, as a
person would click through the sidebar, and every page that shows an exception or lacks its
header is reported together (with a screenshot in the `shots` folder).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from planner.i18n import t

pytestmark = pytest.mark.browser

# (navigation entry, the page's header), as i18n keys, in the sidebar's order.
PAGES = [
    ("nav.compose", "compose.header"),
    ("nav.drafts", "drafts.header"),
    ("nav.sources", "sources.header"),
    ("nav.templates", "templates.header"),
    ("nav.studio", "studio.header"),
    ("nav.media", "media.header"),
    ("nav.calendar", "calendar.header"),
    ("nav.review", "review.header"),  # titled "Tinjauan (n)" while posts wait; none in the demo
    ("nav.planning", "planning.header"),
    ("nav.inbox", "inbox.header"),
    ("nav.dashboard", "dashboard.header"),
    ("indicators.nav", "indicators.header"),
    ("report.nav", "report.header"),
    ("nav.practice", "training.practice_header"),
    ("nav.trainer", "training.trainer_header"),
    ("nav.accounts", "accounts.header"),
    ("nav.brand", "brand.header"),
    ("nav.settings", "settings.header"),
    ("people.nav.users", "users.header"),
    ("people.nav.audit", "audit.header"),
    ("people.nav.profile", "profile.header"),
]
LANGUAGE_NAMES = {"id": "Bahasa Indonesia", "en": "English"}


def _choose_language(page, lang: str) -> None:
    from playwright.sync_api import expect

    picker = page.get_by_test_id("stSidebar").get_by_test_id("stSelectbox").first
    picker.scroll_into_view_if_needed()  # below a long menu; its list opens in view
    picker.click()
    page.get_by_role("option", name=LANGUAGE_NAMES[lang]).click()
    expect(page.get_by_test_id("stSidebarNav")).to_contain_text(t("nav.compose", lang))


def test_every_page_in_both_languages(page, app_url: str, shots: Path) -> None:
    from playwright.sync_api import expect

    page.goto(app_url)
    problems: list[str] = []
    for lang in ("id", "en"):
        _choose_language(page, lang)
        nav = page.get_by_test_id("stSidebarNav")
        links = [text.split("\n")[-1] for text in nav.get_by_role("link").all_inner_texts()]
        assert links == [t(entry, lang) for entry, _ in PAGES], "navigation changed: update PAGES"
        for entry, header in PAGES:
            nav.get_by_role("link", name=t(entry, lang), exact=True).click()
            heading = page.get_by_role("heading", name=t(header, lang), exact=True)
            try:
                expect(heading).to_be_visible()
                expect(page.get_by_test_id("stStatusWidget")).to_have_count(0)
                expect(page.get_by_test_id("stException")).to_have_count(0)
            except AssertionError as exc:
                shot = shots / f"page-{lang}-{entry.removeprefix('nav.')}.png"
                page.screenshot(path=str(shot), full_page=True)
                first_line = str(exc).strip().splitlines()[0]
                problems.append(f"{lang} · {t(entry, lang)}: {first_line} ({shot})")
    assert problems == []


def test_live_counter_groups_thousands_while_typing(page, app_url: str) -> None:
    from playwright.sync_api import expect

    page.goto(app_url)
    page.get_by_role("button", name=t("compose.make_draft", "id")).click()
    page.get_by_role("tab", name=re.compile(t("platform.facebook", "id"))).click()
    label = t("compose.text_for", "id", platform=t("platform.facebook", "id"))
    page.get_by_label(label).fill("Halo pembaca! " * 100)
    expect(page.get_by_text(re.compile(r"saat mengetik: 1\.400/63\.206"))).to_be_visible()
