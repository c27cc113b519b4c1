"""UTM tagging: the tagger's rules as a table and as properties (hypothesis), and the tagged
text being what is checked, previewed and sent.

Modules under test: planner/utm.py, its use in planner/publishing/starting.py,
planner/scheduling.py (check_post) and planner/drafting.py (check_draft).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qsl, urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlmodel import select

from planner.config import Settings, get_settings
from planner.db import session_scope
from planner.drafting import Draft, check_draft
from planner.limits import PLATFORMS
from planner.models import Campaign, PostTarget
from planner.platforms.sandbox import outbox_records
from planner.publishing.worker import Worker
from planner.scheduling import PostCreate, SchedulingError, check_post, schedule_post
from planner.utm import slugify, tag, tag_text, tagged_links
from planner.validation import validate
from tests.factories import add_sandbox_accounts
from tests.people_helpers import ADMIN

ON = Settings(secret_key=None)
OFF = Settings(secret_key=None, utm_enabled=False)
T0 = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)
TAGS = "utm_source=facebook&utm_medium=social&utm_campaign=pekan-literasi-2026"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://perpus.go.id/acara", f"https://perpus.go.id/acara?{TAGS}"),
        # the link's own query is kept as written, the tags come after it
        (
            "https://opac.go.id/cari?q=laut%20bercerita&lang=id",
            f"https://opac.go.id/cari?q=laut%20bercerita&lang=id&{TAGS}",
        ),
        # the fragment stays after the query
        ("https://perpus.go.id/acara#daftar", f"https://perpus.go.id/acara?{TAGS}#daftar"),
        ("http://perpus.go.id/a?x=1#b", f"http://perpus.go.id/a?x=1&{TAGS}#b"),
        ("https://perpus.go.id/a?", f"https://perpus.go.id/a?{TAGS}"),
        # already tagged (any utm_ parameter, any case): left alone
        (
            "https://perpus.go.id/a?utm_source=newsletter",
            "https://perpus.go.id/a?utm_source=newsletter",
        ),
        ("https://perpus.go.id/a?x=1&UTM_Campaign=x", "https://perpus.go.id/a?x=1&UTM_Campaign=x"),
        # not http(s): left alone
        ("mailto:perpus@pekalongankota.go.id", "mailto:perpus@pekalongankota.go.id"),
        ("ftp://files.go.id/katalog.pdf", "ftp://files.go.id/katalog.pdf"),
        ("perpus.go.id/acara", "perpus.go.id/acara"),
        ("tel:+62285123456", "tel:+62285123456"),
    ],
)
def test_tag_table(url: str, expected: str) -> None:
    assert tag(url, platform="facebook", campaign="Pekan Literasi 2026", settings=ON) == expected


def test_campaign_is_slugified_medium_configurable_and_optional() -> None:
    custom = Settings(secret_key=None, utm_medium="media sosial")
    assert tag(
        "https://a.com/", platform="x", campaign="Bulan Gemar Membaca: Édisi #3", settings=custom
    ) == (
        "https://a.com/?utm_source=x&utm_medium=media%20sosial&utm_campaign=bulan-gemar-membaca-edisi-3"
    )
    assert tag("https://a.com/", platform="instagram", campaign=None, settings=ON) == (
        "https://a.com/?utm_source=instagram&utm_medium=social"
    )
    assert slugify("new-arrival") == "new-arrival" and slugify("  !! ") == ""


def test_switched_off_nothing_changes() -> None:
    text = "Daftar di https://perpus.go.id/acara ya!"
    assert tag("https://perpus.go.id/acara", platform="x", campaign="c", settings=OFF) == (
        "https://perpus.go.id/acara"
    )
    assert tag_text(text, platform="x", campaign="c", settings=OFF) == text


def test_every_link_in_a_text_is_tagged_and_the_words_around_stay() -> None:
    text = (
        "Daftar: https://perpus.go.id/acara?id=5#form. Katalog (https://opac.go.id/cari?q=laut)! "
        "Atau perpus.go.id saja, dan https://perpus.go.id/x?utm_source=wa."
    )
    out = tag_text(text, platform="x", campaign="Dongeng", settings=ON)
    assert out == (
        "Daftar: https://perpus.go.id/acara?id=5&utm_source=x&utm_medium=social&utm_campaign="
        "dongeng#form. Katalog (https://opac.go.id/cari?q=laut&utm_source=x&utm_medium=social"
        "&utm_campaign=dongeng)! Atau perpus.go.id saja, dan https://perpus.go.id/x?utm_source=wa."
    )
    assert tagged_links(text, platform="x", campaign="Dongeng", settings=ON)[0].endswith("#form")


def test_x_length_does_not_change_other_platforms_grow() -> None:
    text = "Pameran buku langka https://perpus.go.id/pameran"
    tagged = tag_text(text, platform="x", campaign="Pameran Buku Langka", settings=ON)
    assert validate("x", tagged).length == validate("x", text).length  # 23 per link on X
    tagged_fb = tag_text(text, platform="facebook", campaign="Pameran Buku Langka", settings=ON)
    assert validate("facebook", tagged_fb).length > validate("facebook", text).length


# -- properties ---------------------------------------------------------------------------
_word = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-", min_size=1, max_size=8)
_pair = st.tuples(_word.filter(lambda w: not w.startswith("utm_")), _word)
urls = st.builds(
    lambda scheme, host, path, query, fragment: (
        f"{scheme}://{host}.go.id/{'/'.join(path)}"
        + (("?" + "&".join(f"{k}={v}" for k, v in query)) if query else "")
        + (f"#{fragment}" if fragment else "")
    ),
    st.sampled_from(["http", "https"]),
    _word,
    st.lists(_word, max_size=3),
    st.lists(_pair, max_size=3),
    st.one_of(st.none(), _word),
)
platforms = st.sampled_from(PLATFORMS)
campaigns = st.one_of(st.none(), st.text(max_size=30))


@given(urls, platforms, campaigns)
def test_tagging_twice_is_tagging_once(url: str, platform: str, campaign: str | None) -> None:
    once = tag(url, platform=platform, campaign=campaign, settings=ON)
    assert tag(once, platform=platform, campaign=campaign, settings=ON) == once


@given(urls, platforms, campaigns)
def test_query_and_fragment_are_kept(url: str, platform: str, campaign: str | None) -> None:
    before, after = (
        urlsplit(url),
        urlsplit(tag(url, platform=platform, campaign=campaign, settings=ON)),
    )
    assert (after.scheme, after.netloc, after.path, after.fragment) == (
        before.scheme,
        before.netloc,
        before.path,
        before.fragment,
    )
    assert after.query.startswith(before.query)
    added = dict(parse_qsl(after.query[len(before.query) :].lstrip("&")))
    assert added["utm_source"] == platform and added["utm_medium"] == "social"
    assert added.get("utm_campaign", "") == slugify(campaign or "")


@given(st.text(max_size=200), platforms)
def test_text_without_http_links_is_untouched(text: str, platform: str) -> None:
    if "http" in text.lower():
        return
    assert tag_text(text, platform=platform, campaign="c", settings=ON) == text


# -- checked, previewed and sent as tagged --------------------------------------------------
def test_what_goes_out_is_tagged_per_platform(sqlite_db: str) -> None:
    with session_scope() as session:
        x, fb, _ = add_sandbox_accounts(session)
        campaign = Campaign(name="Pekan Literasi 2026")
        session.add(campaign)
        session.flush()
        schedule_post(
            session,
            data=PostCreate(
                title="Pekan literasi",
                texts={
                    "x": "Ikuti Pekan Literasi https://perpus.go.id/literasi",
                    "facebook": "Ikuti Pekan Literasi! Info: https://perpus.go.id/literasi?hari=1",
                },
                link="https://perpus.go.id/literasi#jadwal",
                account_ids=[x.id, fb.id],
                due_at=T0,
                campaign_id=campaign.id,
                template_id="event-announcement",
            ),
            now=T0 - timedelta(minutes=1),
            actor=ADMIN,
        )
    assert Worker("w", clock=lambda: T0).run_once().published == 2
    sent = {r["platform"]: r for r in outbox_records(get_settings().outbox_dir)}
    camp = "utm_medium=social&utm_campaign=pekan-literasi-2026"
    assert sent["x"]["text"] == (
        f"Ikuti Pekan Literasi https://perpus.go.id/literasi?utm_source=x&{camp}"
    )
    assert sent["facebook"]["text"] == (
        f"Ikuti Pekan Literasi! Info: https://perpus.go.id/literasi?hari=1&utm_source=facebook&{camp}"
    )
    assert sent["facebook"]["link"] == (
        f"https://perpus.go.id/literasi?utm_source=facebook&{camp}#jadwal"
    )
    with session_scope() as session:  # the stored text stays as written
        stored = {t.platform: t.text for t in session.exec(select(PostTarget))}
    assert "utm_" not in stored["x"] and "utm_" not in stored["facebook"]


def test_template_id_names_the_campaign_and_switching_off_sends_links_as_written(
    sqlite_db: str, monkeypatch
) -> None:
    monkeypatch.setenv("PLANNER_UTM_ENABLED", "false")
    get_settings.cache_clear()
    try:
        with session_scope() as session:
            x = add_sandbox_accounts(session)[0]
            schedule_post(
                session,
                data=PostCreate(
                    texts={"x": "Buku baru https://perpus.go.id/baru"},
                    account_ids=[x.id],
                    due_at=T0,
                    template_id="new-arrival",
                ),
                now=T0 - timedelta(minutes=1),
                actor=ADMIN,
            )
        Worker("w", clock=lambda: T0).run_once()
        [record] = outbox_records(get_settings().outbox_dir)
        assert record["text"] == "Buku baru https://perpus.go.id/baru"
    finally:
        get_settings.cache_clear()


def _fits_only_untagged(limit: int) -> str:
    link = " https://perpus.go.id/a"
    return "a" * (limit - len(link)) + link


def test_checks_count_the_tagged_text(sqlite_db: str) -> None:
    limit = validate("facebook", "").limit
    text = _fits_only_untagged(limit)  # exactly full as written; over once tagged
    assert validate("facebook", text).ok
    with session_scope() as session:
        fb = add_sandbox_accounts(session)[1]
        data = PostCreate(texts={"facebook": text}, account_ids=[fb.id], due_at=T0, template_id="t")
        problems = check_post(session, data)[1]
        assert len(problems) == 1 and str(limit) in problems[0]["en"].replace(",", "")
        with pytest.raises(SchedulingError):
            schedule_post(session, data=data, now=T0 - timedelta(minutes=1), actor=ADMIN)
    draft = Draft(template_id="t", title="", texts={"facebook": text}, alt_text="")
    result = check_draft(draft, platforms=("facebook",))["facebook"]
    assert not result.ok and result.length > limit
