"""Harvesting the library catalogue over OAI-PMH, against a local server started by the tests.

The server answers with recorded SLiMS- and INLISLite-shaped responses (tests/oai_server.py):
paging with resumption tokens, deleted records, OAI errors, HTTP errors and a slow answer.
Nothing here reaches the internet.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlmodel import select

from planner.catalogue.errors import CatalogueError
from planner.catalogue.harvest import harvest_source
from planner.catalogue.oai import PatientSickle
from planner.catalogue.sources import SourceIn, add_source, probe_source
from planner.db import session_scope
from planner.models import CatalogueRecord, CatalogueSource, CollectionItem, MediaAsset, Post
from planner.people.roles import PermissionDenied
from tests.factories import add_sandbox_accounts
from tests.oai_server import OaiServer, Reply, slims_route
from tests.people_helpers import make_user

NOW = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)


@pytest.fixture
def server() -> Iterator[OaiServer]:
    running = OaiServer(slims_route).start()
    yield running
    running.stop()


class Waits(list):
    """Stands in for time.sleep: remembers each backoff instead of waiting."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


@pytest.fixture
def waits() -> Waits:
    return Waits()


def _client(waits: Waits, timeout: float = 2.0, retries: int = 2):
    return lambda source: PatientSickle(
        source.base_url, timeout=timeout, retries=retries, backoff=1.0, sleep=waits
    )


def _source(url: str, **overrides) -> int:
    actor = make_user("admin")
    values = dict(name="SLiMS Kota", base_url=url, metadata_prefix="oai_dc")
    values.update(overrides)
    with session_scope() as session:
        return add_source(session, SourceIn(**values), actor=actor).id


def _harvest(source_id: int, waits: Waits, **kwargs):
    kwargs.setdefault("now", NOW)
    kwargs.setdefault("client_factory", _client(waits))
    return harvest_source(source_id, actor=make_user("admin"), **kwargs)


def _items() -> list[CollectionItem]:
    with session_scope() as session:
        return list(session.exec(select(CollectionItem).order_by(CollectionItem.id)))


def _source_row(source_id: int) -> CatalogueSource:
    with session_scope() as session:
        return session.get(CatalogueSource, source_id)


def test_slims_pages_are_followed_to_the_end_and_mapped_like_an_import(
    any_db: str, server: OaiServer, waits: Waits
) -> None:
    source_id = _source(
        server.url, record_url="https://opac.example/index.php?p=show_detail&id={id}"
    )
    report = _harvest(source_id, waits)
    assert report.status == "ok" and report.records == 3 and report.counts["created"] == 3
    # First harvest: everything, no from=; the second page by SLiMS's own token.
    assert server.requests == [
        {"verb": "ListRecords", "metadataPrefix": "oai_dc"},
        {"verb": "ListRecords", "resumptionToken": "offset%3D2%26metadataPrefix%3Doai_dc"},
    ]
    items = {i.title: i for i in _items()}
    laut = items["Laut bercerita"]
    assert (laut.author, laut.publisher, laut.year) == (
        "Leila S. Chudori",
        "Kepustakaan Populer Gramedia",
        "2017",
    )
    assert laut.isbn == "9786024246945" and laut.key == "isbn-9786024246945"
    assert laut.call_number == "899.221 3 CHU l" and laut.subjects == ["Fiksi Indonesia"]
    assert laut.summary == "Kisah Biru Laut dan kawan-kawannya."
    assert laut.opac_url == "https://opac.example/index.php?p=show_detail&id=1203"
    filosofi = items["Filosofi teras"]
    assert filosofi.subtitle == "filsafat Yunani-Romawi kuno untuk mental tangguh masa kini"
    # The catalogue's cover is fetched and stored; books without one get a drawn cover later.
    assert server.cover_requests == ["/images/docs/laut_bercerita.jpg.jpg"]
    assert report.covers == 1
    with session_scope() as session:
        cover = session.get(MediaAsset, laut.cover_asset_id)
        assert cover.kind == "cover" and cover.alt_text.startswith("Sampul buku Laut bercerita")
    assert filosofi.cover_asset_id is None
    row = _source_row(source_id)
    assert row.last_status == "ok" and row.harvested_from.date() == NOW.date()
    assert row.last_counts["created"] == 3 and row.lease_until is None


def test_harvesting_again_asks_from_the_last_harvest_and_adds_nothing_twice(
    any_db: str, server: OaiServer, waits: Waits
) -> None:
    source_id = _source(server.url)
    _harvest(source_id, waits)
    server.requests.clear()
    again = _harvest(source_id, waits, now=NOW + timedelta(days=7))
    assert server.requests[0] == {
        "verb": "ListRecords",
        "metadataPrefix": "oai_dc",
        "from": "2026-12-01",
    }
    assert again.counts["created"] == 0 and again.counts["unchanged"] == 3
    assert len(_items()) == 3
    assert server.cover_requests == ["/images/docs/laut_bercerita.jpg.jpg"]  # not fetched again


def test_since_overrides_the_last_harvest(sqlite_db: str, server: OaiServer, waits) -> None:
    source_id = _source(server.url, set_spec="fiksi")
    _harvest(source_id, waits, since=date(2026, 1, 31))
    assert server.requests[0] == {
        "verb": "ListRecords",
        "metadataPrefix": "oai_dc",
        "set": "fiksi",
        "from": "2026-01-31",
    }


def _inlislite(params: dict[str, str]) -> Reply:
    if params.get("verb") == "ListRecords":
        return Reply(file="inlislite_marc21.xml")
    return Reply(file="slims_disabled.xml")


def test_inlislite_marc21_keys_like_the_marc_import_warns_on_a_bad_isbn_and_honours_deletions(
    any_db: str, server: OaiServer, waits: Waits
) -> None:
    server.route = _inlislite
    source_id = _source(server.url, name="INLISLite", metadata_prefix="marc21")
    with session_scope() as session:  # a record the catalogue will report deleted
        weeded = CollectionItem(key="marc-INLIS977", title="Buku lama")
        session.add(weeded)
        session.flush()
        session.add(
            CatalogueRecord(source_id=source_id, identifier="oai:inlislite:977", item_id=weeded.id)
        )
    report = _harvest(source_id, waits)
    items = {i.title: i for i in _items()}
    assert set(items) == {"Cantik itu luka", "Hujan"}  # the deleted record's item is gone
    cantik = items["Cantik itu luka"]
    assert cantik.isbn == "9786020332956" and cantik.author == "Eka Kurniawan"
    assert (cantik.publisher, cantik.year, cantik.call_number) == (
        "Gramedia Pustaka Utama",
        "2015",
        "899.221 3",
    )
    assert cantik.cover_asset_id is not None  # 856 with a picture: the cover, not the link
    assert cantik.opac_url == ""
    hujan = items["Hujan"]
    assert hujan.isbn is None and hujan.key == "marc-INLIS000000000001042"
    assert hujan.author == "Tere Liye"
    assert report.counts["warnings"] == 1 and report.counts["deleted"] == 1
    warned = report.items.warned[0]
    assert warned.title == "Hujan"
    assert warned.warning_texts("en") == [
        "ISBN “978-979-22-0000-1” is not valid (check digit or length); the title was "
        "imported without it"
    ]
    with session_scope() as session:
        gone = session.exec(
            select(CatalogueRecord).where(CatalogueRecord.identifier == "oai:inlislite:977")
        ).one()
        assert gone.deleted and gone.item_id is None


def test_a_deleted_record_whose_book_a_post_uses_is_kept(
    sqlite_db: str, server: OaiServer, waits: Waits
) -> None:
    server.route = _inlislite
    source_id = _source(server.url, name="INLISLite", metadata_prefix="marc21")
    with session_scope() as session:
        used = CollectionItem(key="marc-INLIS977", title="Buku lama")
        session.add(used)
        session.flush()
        session.add(Post(title="Ulasan", item_id=used.id))
        session.add(
            CatalogueRecord(source_id=source_id, identifier="oai:inlislite:977", item_id=used.id)
        )
    report = _harvest(source_id, waits)
    assert report.counts["deleted"] == 0 and report.counts["kept"] == 1
    assert "Buku lama" in {i.title for i in _items()}


def test_no_records_match_is_an_empty_harvest_not_an_error(
    sqlite_db: str, server: OaiServer, waits: Waits
) -> None:
    server.route = lambda params: Reply(file="no_records.xml")
    source_id = _source(server.url)
    report = _harvest(source_id, waits)
    assert report.status == "ok" and report.records == 0 and _items() == []
    assert _source_row(source_id).last_status == "ok"


def test_an_expired_resumption_token_starts_the_harvest_over(
    sqlite_db: str, server: OaiServer, waits: Waits
) -> None:
    refused = []

    def route(params: dict[str, str]) -> Reply:
        if "resumptionToken" in params and not refused:
            refused.append(params)
            return Reply(file="bad_token.xml")
        return slims_route(params)

    server.route = route
    source_id = _source(server.url)
    report = _harvest(source_id, waits)
    assert report.restarts == 1 and report.records == 3
    assert [r.get("resumptionToken") for r in server.requests] == [
        None,
        "offset%3D2%26metadataPrefix%3Doai_dc",  # refused: start over
        None,
        "offset%3D2%26metadataPrefix%3Doai_dc",
    ]
    assert len(_items()) == 3  # each book once, though page one was read twice


def _assert_nothing_written(source_id: int, code: str, exc: CatalogueError) -> None:
    assert exc.code == code
    assert _items() == []
    row = _source_row(source_id)
    assert row.last_status == "failed" and row.harvested_from is None
    assert row.lease_until is None  # the source is free for the next try
    assert row.last_message == exc.text("id")
    with session_scope() as session:
        assert session.exec(select(CatalogueRecord)).all() == []


def test_a_token_refused_again_and_again_fails_cleanly(
    sqlite_db: str, server: OaiServer, waits: Waits
) -> None:
    server.route = lambda p: (
        Reply(file="bad_token.xml") if "resumptionToken" in p else slims_route(p)
    )
    source_id = _source(server.url)
    with pytest.raises(CatalogueError) as err:
        _harvest(source_id, waits)
    assert "resumption token" in str(err.value)
    _assert_nothing_written(source_id, "bad_token", err.value)


def test_a_server_failing_halfway_writes_nothing_and_keeps_from(
    any_db: str, server: OaiServer, waits: Waits
) -> None:
    source_id = _source(server.url)
    server.route = lambda p: (
        Reply(status=500, body=b"oops") if "resumptionToken" in p else slims_route(p)
    )
    with pytest.raises(CatalogueError) as err:
        _harvest(source_id, waits)
    assert "HTTP error 500" in str(err.value)
    # Page two was tried three times (two retries), 1 s and 2 s apart: backoff.
    assert [r.get("resumptionToken") is not None for r in server.requests] == [
        False,
        True,
        True,
        True,
    ]
    assert waits == [1.0, 2.0]
    _assert_nothing_written(source_id, "http", err.value)


def test_a_busy_server_is_retried_after_its_retry_after(
    sqlite_db: str, server: OaiServer, waits: Waits
) -> None:
    busy = []

    def route(params: dict[str, str]) -> Reply:
        if not busy:
            busy.append(params)
            return Reply(status=503, body=b"", headers={"Retry-After": "7"})
        return slims_route(params)

    server.route = route
    report = _harvest(_source(server.url), waits)
    assert report.status == "ok" and report.records == 3 and waits == [7.0]


def test_a_slow_server_times_out_with_a_clear_message(
    sqlite_db: str, server: OaiServer, waits: Waits
) -> None:
    server.route = lambda params: Reply(file="slims_page1.xml", delay=1.0)
    source_id = _source(server.url)
    with pytest.raises(CatalogueError) as err:
        _harvest(source_id, waits, client_factory=_client(waits, timeout=0.2, retries=1))
    assert str(err.value).startswith(
        f"The catalogue server {server.url} did not answer within 0.2 s"
    )
    assert len(server.requests) == 2 and waits == [1.0]
    _assert_nothing_written(source_id, "timeout", err.value)


def test_an_unreachable_server_and_a_web_page_are_named(sqlite_db: str, waits: Waits) -> None:
    html = OaiServer(
        lambda p: Reply(body=b"<html><body>Login</body></html>", content_type="text/html")
    ).start()
    try:
        source_id = _source(html.url)
        with pytest.raises(CatalogueError) as err:
            _harvest(source_id, waits)
        assert err.value.code == "not_oai" and "/oai.php" in err.value.text("id")
    finally:
        html.stop()
    gone = _source("http://127.0.0.1:9/oai.php", name="Mati")
    with pytest.raises(CatalogueError) as err:
        _harvest(gone, waits, client_factory=_client(waits, retries=0))
    assert err.value.code == "unreachable"


def test_an_oai_error_is_reported_with_its_code(sqlite_db: str, server, waits) -> None:
    server.route = lambda params: Reply(file="slims_disabled.xml")
    source_id = _source(server.url)
    with pytest.raises(CatalogueError) as err:
        _harvest(source_id, waits)
    assert str(err.value) == (
        "The catalogue server refused the request (badVerb: OAI Repository disabled). "
        "Nothing was changed."
    )


def test_a_source_being_harvested_is_not_harvested_twice(sqlite_db: str, server, waits) -> None:
    source_id = _source(server.url)
    with session_scope() as session:
        session.get(CatalogueSource, source_id).lease_until = NOW + timedelta(minutes=5)
    with pytest.raises(CatalogueError) as err:
        _harvest(source_id, waits)
    assert err.value.code == "busy" and server.requests == []


def test_probe_says_who_the_server_is_and_whether_it_offers_the_format(
    sqlite_db: str, server: OaiServer, waits: Waits
) -> None:
    _source(server.url)
    _source(server.url, name="MARC", metadata_prefix="marc21")
    admin = make_user("admin")
    found = probe_source("SLiMS Kota", actor=admin, client_factory=_client(waits))
    assert found["repository"] == "Perpustakaan Kota Pekalongan (SLiMS)"
    assert found["formats"] == ["oai_dc"] and found["offers_format"] is True
    assert probe_source("MARC", actor=admin)["offers_format"] is False
    assert server.verbs() == ["Identify", "ListMetadataFormats"] * 2


@pytest.mark.parametrize(
    ("values", "code"),
    [
        ({"name": ""}, "no_name"),
        ({"base_url": "opac.example/oai.php"}, "bad_url"),
        ({"metadata_prefix": "mods"}, "bad_format"),
        ({"schedule": "hourly"}, "bad_schedule"),
        ({"record_url": "https://opac.example/show?id=1"}, "bad_record_url"),
    ],
)
def test_bad_sources_are_refused_with_a_reason(sqlite_db: str, values: dict, code: str) -> None:
    with pytest.raises(CatalogueError) as err:
        _source("https://opac.example/oai.php", **values)
    assert err.value.code == code and err.value.text("id") != err.value.text("en")
    with session_scope() as session:
        assert session.exec(select(CatalogueSource)).all() == []


def test_names_are_unique_and_only_collection_roles_manage_sources(sqlite_db: str) -> None:
    _source("https://opac.example/oai.php")
    with pytest.raises(CatalogueError, match="already a catalogue source"):
        _source("https://opac.example/oai.php")
    for role in ("staff", "manager"):
        with session_scope() as session:
            data = SourceIn(name=f"Katalog {role}", base_url="https://opac.example/oai.php")
            add_source(session, data, actor=make_user(role))
    for role in ("trainer", "trainee"):
        with pytest.raises(PermissionDenied), session_scope() as session:
            add_source(
                session,
                SourceIn(name="X", base_url="https://a.example/oai.php"),
                actor=make_user(role),
            )
        with pytest.raises(PermissionDenied):
            harvest_source("SLiMS Kota", actor=make_user(role))


def test_new_books_of_an_incremental_harvest_become_a_draft_in_review(
    any_db: str, server: OaiServer, waits: Waits
) -> None:
    with session_scope() as session:
        add_sandbox_accounts(session)
    pages: dict[str, str] = {"first": "only-page-two"}

    def route(params: dict[str, str]) -> Reply:
        # The first harvest sees only Gadis kretek (the collection as it was); the next
        # one sees two more: those are this week's new arrivals.
        if pages["first"] == "only-page-two" and params.get("verb") == "ListRecords":
            return Reply(file="slims_page2.xml")
        return slims_route(params)

    server.route = route
    source_id = _source(
        server.url, record_url="https://opac.example/index.php?p=show_detail&id={id}"
    )
    first = _harvest(source_id, waits)
    assert first.new == 0 and first.draft_post_id is None and first.draft_note == "no_new_books"
    pages["first"] = "done"
    later = NOW + timedelta(days=1)
    second = _harvest(source_id, waits, now=later)
    assert second.new == 2 and second.draft_note == "in_review"
    with session_scope() as session:
        post = session.get(Post, second.draft_post_id)
        assert post.title == "Koleksi baru pekan ini"
        assert post.template_id == "new-arrivals-list" and post.author_id is None
        assert post.review_state == "in_review"
        from planner.review.drafts import draft_targets

        targets = draft_targets(session, post.id)
        assert {t.platform for t in targets} == {"x", "facebook", "instagram"}
        assert {t.status for t in targets} == {"in_review"}  # nothing queued, nothing sent
        assert all(t.due_at is None for t in targets)
        facebook = next(t.text for t in targets if t.platform == "facebook")
        assert "Laut bercerita" in facebook and "Filosofi teras" in facebook
        assert "Gadis kretek" not in facebook  # not new: it was there at the first harvest
        assert "https://opac.example/index.php?p=show_detail&id=1203" in facebook
        assert "pekan ini" in facebook
        image = session.get(MediaAsset, post.media_asset_id)
        assert image is not None and image.alt_text
    # A reviewer finds it in the queue; approving it queues nothing until a person sets a time.
    manager = make_user("manager")
    with session_scope() as session:
        from planner.review.decisions import approve, review_queue

        assert [row.post.id for row in review_queue(session, actor=manager)] == [
            second.draft_post_id
        ]
        approve(session, actor=manager, post_id=second.draft_post_id, now=later)
    with session_scope() as session:
        from planner.review.drafts import draft_targets

        assert {t.status for t in draft_targets(session, second.draft_post_id)} == {"approved"}
    # One proposal a week: a harvest two days later makes none.
    third = _harvest(source_id, waits, now=later + timedelta(days=2))
    assert third.draft_post_id is None and third.draft_note == "already_this_week"


def test_records_without_metadata_or_title_are_refused_and_listed_the_rest_is_taken(
    sqlite_db: str, server: OaiServer, waits: Waits
) -> None:
    server.route = lambda params: Reply(file="slims_untitled.xml")
    report = _harvest(_source(server.url), waits)
    assert report.status == "ok"
    assert [(r.status, r.reason("en")) for r in report.items.rows] == [
        ("refused", "unreadable catalogue record: the record has no metadata"),
        ("refused", "the title is empty"),
        ("created", ""),
    ]
    (bumi,) = _items()
    assert (bumi.title, bumi.author, bumi.isbn) == (
        "Bumi manusia",
        "Pramoedya Ananta Toer",
        "9789799731234",
    )


def test_a_cover_that_cannot_be_fetched_is_skipped_not_an_error(server: OaiServer) -> None:
    from planner.catalogue.harvest import download_cover

    assert download_cover(f"{server.base}/images/docs/sampul.jpg") is not None
    assert download_cover(server.url) is None  # XML, not a picture
    server.route = lambda params: Reply(status=404)
    assert download_cover(f"{server.base}/tidak-ada.jpg") is None
    assert download_cover("http://127.0.0.1:9/sampul.jpg") is None
