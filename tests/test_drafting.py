"""Drafts from events, items and typed-in values; campaigns scheduled whole or not at all."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select

from planner.campaigns import CampaignError, plan_campaign, schedule_campaign
from planner.db import session_scope
from planner.drafting import DraftError, check_draft, event_facts, make_draft
from planner.limits import PLATFORMS
from planner.models import Campaign, CollectionItem, MediaAsset, Post, PostTarget
from tests.factories import add_event, add_item, add_sandbox_accounts
from tests.people_helpers import ADMIN

JAKARTA = ZoneInfo("Asia/Jakarta")


def test_event_draft_has_texts_image_alt_and_link(any_db: str) -> None:
    with session_scope() as session:
        event = add_event(session, title="Dongeng Anak: Si Kancil")
        draft = make_draft(session, "children-storytelling", event_id=event.id, actor=ADMIN)
        asset = session.get(MediaAsset, draft.media_asset_id)
    assert set(draft.texts) == set(PLATFORMS)
    assert "Dongeng Anak: Si Kancil" in draft.texts["facebook"]
    assert draft.link == "https://perpustakaan.example/daftar"
    # The children layout is described as a children's programme poster.
    assert draft.alt_text.startswith("Poster program anak Dongeng Anak")
    assert asset is not None and asset.kind == "render"
    assert "#DongengAnak" in draft.texts["x"] and draft.hashtags[0] == "#PerpusKotaPekalongan"
    assert all(r.ok for r in check_draft(draft).values())


def test_hashtags_link_and_values_can_be_overridden(any_db: str) -> None:
    with session_scope() as session:
        event = add_event(session)
        draft = make_draft(
            session,
            "event-recap",
            event_id=event.id,
            values={"attendees": "64", "highlight": "Anak-anak menirukan Kancil."},
            hashtags=["#HariDongeng"],
            link="https://perpustakaan.example/foto",
            locale="en",
            actor=ADMIN,
        )
    assert "64 people took part" in draft.texts["facebook"]
    assert draft.texts["x"].endswith("#HariDongeng")
    assert "#PerpusKotaPekalongan" not in draft.texts["x"]
    assert draft.link == "https://perpustakaan.example/foto"


def test_item_without_cover_gets_a_drawn_one(any_db: str) -> None:
    with session_scope() as session:
        item = add_item(session, title="Hujan", author="Tere Liye")
        assert item.cover_asset_id is None
        draft = make_draft(session, "new-arrival", item_id=item.id, actor=ADMIN)
        stored = session.get(CollectionItem, item.id)
        cover = session.get(MediaAsset, stored.cover_asset_id)
    assert cover is not None and cover.kind == "cover"
    assert "Hujan" in draft.texts["x"] and "Tere Liye" in draft.alt_text


def test_list_of_several_items(any_db: str) -> None:
    with session_scope() as session:
        ids = [add_item(session, title=t, author="A").id for t in ("Satu", "Dua", "Tiga")]
        draft = make_draft(session, "new-arrivals-list", item_ids=ids, actor=ADMIN)
    assert draft.title == "3 koleksi baru"
    assert all(t in draft.texts["facebook"] for t in ("Satu", "Dua", "Tiga"))
    # The book-list image is described cover by cover.
    assert all(f"{t} karya A" in draft.alt_text for t in ("Satu", "Dua", "Tiga"))


def test_service_template_from_typed_values(any_db: str) -> None:
    with session_scope() as session:
        draft = make_draft(
            session,
            "closure-notice",
            values={"closed_from": "2026-12-24", "reason": "libur Natal", "reopens": "2026-12-27"},
            actor=ADMIN,
        )
    assert "Kamis, 24 Desember 2026" in draft.texts["x"]
    assert "Minggu, 27 Desember 2026" in draft.texts["facebook"]
    assert draft.alt_text.startswith("Pemberitahuan: Perpustakaan Kota Pekalongan tutup")


@pytest.mark.parametrize(
    ("template", "kwargs", "message"),
    [
        ("nope", {"event_id": 1}, "no template 'nope'"),
        ("event-announcement", {}, "is for events"),
        ("new-arrival", {"event_id": 1}, "is for collection items"),
        ("closure-notice", {"event_id": 1}, "needs no event"),
        ("closure-notice", {"values": {"reason": "x"}}, "closed_from"),
        ("closure-notice", {"values": {"closed_from": "kemarin", "reason": "x"}}, "Tutup mulai"),
        ("event-announcement", {"event_id": 999}, "no event with id 999"),
    ],
)
def test_bad_requests_are_plain_errors(any_db: str, template: str, kwargs: dict, message: str):
    with session_scope() as session, pytest.raises(DraftError) as err:
        make_draft(session, template, **kwargs, actor=ADMIN)
    assert message in str(err.value)


def test_event_post_without_date_time_or_place_is_warned(any_db: str) -> None:
    with session_scope() as session:
        event = add_event(session, place="Aula Lantai 2, Perpustakaan Kota Pekalongan")
        draft = make_draft(session, "event-announcement", event_id=event.id, actor=ADMIN)
        facts = event_facts(session, draft)
    results = check_draft(draft, facts=facts)
    assert all(not r.warnings for r in results.values()), {
        p: r.as_dict() for p, r in results.items()
    }
    bare = {p: "Ayo datang ke acara kami! #PerpusKotaPekalongan" for p in draft.texts}
    warned = check_draft(draft, bare, facts=facts)["facebook"]
    assert [w.code for w in warned.warnings] == ["event_no_date", "event_no_time", "event_no_place"]
    assert warned.ok  # warnings advise, they do not block


def test_campaign_plan_and_schedule(any_db: str) -> None:
    now = datetime(2026, 11, 20, 1, 0, tzinfo=UTC)
    start = datetime(2026, 12, 5, 9, 0, tzinfo=JAKARTA)
    with session_scope() as session:
        accounts = add_sandbox_accounts(session)
        event = add_event(session, starts_at=start)
        plan = plan_campaign(session, "event-announcement", event.id, now=now, actor=ADMIN)
        assert [s.step.name for s in plan.steps] == ["announcement", "reminder", "recap"]
        assert [s.due_at.strftime("%d %H:%M") for s in plan.steps] == [
            "28 09:00",
            "04 16:00",
            "06 10:00",
        ]
        assert [s.template_id for s in plan.steps] == [
            "event-announcement",
            "event-reminder",
            "event-recap",
        ]
        plan.steps[1].draft.texts["x"] = "⏰ Besok pagi! Dongeng di perpustakaan, 09.00 WIB."
        campaign, _posts = schedule_campaign(
            session, plan, account_ids=[a.id for a in accounts], now=now, actor=ADMIN
        )
        campaign_id = campaign.id
    with session_scope() as session:
        stored = session.exec(select(Post).where(Post.campaign_id == campaign_id)).all()
        targets = session.exec(select(PostTarget)).all()
    assert len(stored) == 3 and len(targets) == 9
    assert {p.title.split(" · ")[1] for p in stored} == {"Pengumuman", "Pengingat", "Rekap"}
    x_texts = {t.text for t in targets if t.platform == "x"}
    assert "⏰ Besok pagi! Dongeng di perpustakaan, 09.00 WIB." in x_texts
    dues = sorted(t.due_at for t in targets if t.platform == "x")
    assert dues[0] == datetime(2026, 11, 28, 2, 0, tzinfo=UTC)  # 09.00 WIB


def test_campaign_skips_past_steps(any_db: str) -> None:
    with session_scope() as session:
        event = add_event(session, starts_at=datetime.now(UTC) + timedelta(days=3))
        plan = plan_campaign(session, "event-announcement", event.id, actor=ADMIN)
    assert [s.skipped for s in plan.steps] == ["past", "", ""]
    assert len(plan.active) == 2


def test_campaign_is_all_or_nothing(any_db: str) -> None:
    now = datetime(2026, 11, 20, 1, 0, tzinfo=UTC)
    with (
        pytest.raises(CampaignError) as err,
        session_scope() as session,
    ):
        accounts = add_sandbox_accounts(session)
        event = add_event(session, starts_at=datetime(2026, 12, 5, 9, 0, tzinfo=JAKARTA))
        plan = plan_campaign(session, "event-announcement", event.id, now=now, actor=ADMIN)
        plan.steps[2].draft.texts["x"] = "x" * 300
        schedule_campaign(session, plan, account_ids=[a.id for a in accounts], now=now, actor=ADMIN)
    assert str(err.value).startswith("Rekap:") and "too long" in str(err.value)
    with session_scope() as session:
        assert session.exec(select(Post)).all() == []
        assert session.exec(select(Campaign)).all() == []


def test_campaign_needs_steps_and_a_future(any_db: str) -> None:
    with session_scope() as session:
        event = add_event(session, starts_at=datetime.now(UTC) - timedelta(days=10))
        with pytest.raises(CampaignError):
            plan_campaign(session, "event-reminder", event.id, actor=ADMIN)
        plan = plan_campaign(session, "event-announcement", event.id, actor=ADMIN)
        with pytest.raises(CampaignError):
            schedule_campaign(session, plan, account_ids=[1], actor=ADMIN)


def _png(colour: str) -> bytes:
    import io

    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (800, 600), colour).save(buf, "PNG")
    return buf.getvalue()


def test_event_photo_goes_into_the_recap_image_and_covers_are_checked(any_db: str) -> None:
    from planner.media import MediaError
    from planner.sources import set_cover, set_event_photo

    with session_scope() as session:
        event = add_event(session)
        plain = make_draft(session, "event-recap", event_id=event.id, actor=ADMIN)
        set_event_photo(session, event, _png("#884422"), filename="foto.png", actor=ADMIN)
        with_photo = make_draft(session, "event-recap", event_id=event.id, actor=ADMIN)
        item = add_item(session)
        with pytest.raises(MediaError):
            set_cover(session, item, b"not an image", filename="x.jpg", actor=ADMIN)
        cover = set_cover(session, item, _png("#224488"), filename="sampul.png", actor=ADMIN)
        assert item.cover_asset_id == cover.id and cover.kind == "cover"
    assert plain.media_asset_id != with_photo.media_asset_id


def test_campaign_values_reach_the_steps_that_use_them(any_db: str) -> None:
    now = datetime(2026, 11, 1, 1, 0, tzinfo=UTC)
    with session_scope() as session:
        event = add_event(session, starts_at=datetime(2026, 12, 8, 8, 0, tzinfo=JAKARTA))
        plan = plan_campaign(
            session,
            "reading-competition",
            event.id,
            now=now,
            values={"prizes": "Paket buku untuk juara 1–3"},
            actor=ADMIN,
        )
    announcement, reminder, _recap = (s.draft for s in plan.steps)
    assert "Paket buku untuk juara 1–3" in announcement.texts["facebook"]
    assert "Paket buku" not in reminder.texts["facebook"]


def test_upcoming_events_are_a_window_of_list_events(sqlite_db) -> None:
    from planner.source_images import upcoming_events
    from planner.sources import list_events

    now = datetime.now(UTC)
    with session_scope() as session:
        for days in (-2, 3, 20, 45):
            add_event(session, title=f"in {days} days", starts_at=now + timedelta(days=days))
        month = [e.title for e in upcoming_events(session, days=31)]
        window = list_events(session, upcoming_from=now, until=now + timedelta(days=31))
    assert month == ["in 3 days", "in 20 days"] == [e.title for e in window]


def test_draft_image_is_the_stored_picture_of_the_draft(any_db: str) -> None:
    from planner.drafting import Draft, draft_image

    with session_scope() as session:
        event = add_event(session)
        draft = make_draft(session, "event-announcement", event_id=event.id, actor=ADMIN)
        assert draft_image(session, draft).id == draft.media_asset_id
        bare = Draft(template_id="opening-hours", title="", texts={}, alt_text="")
        assert draft_image(session, bare) is None


def test_covers_of_chosen_books_keep_the_order_chosen(any_db: str) -> None:
    from planner.source_images import covers_of
    from planner.sources import SourceError

    with session_scope() as session:
        laut = add_item(session)
        bumi = add_item(session, key="it-bumi", title="Bumi Manusia", author="Pramoedya")
        covers = covers_of(session, [bumi.id, laut.id])
        assert [(c.title, c.author) for c in covers] == [
            ("Bumi Manusia", "Pramoedya"),
            ("Laut Bercerita", "Leila S. Chudori"),
        ]
        assert covers_of(session, []) == []
        with pytest.raises(SourceError, match="no collection item with id 999"):
            covers_of(session, [999])


def test_studio_batch_inputs_are_the_months_events_or_the_newest_items(any_db: str) -> None:
    from planner.source_images import batch_inputs

    now = datetime.now(UTC)
    with session_scope() as session:
        soon = add_event(session, title="Dongeng", starts_at=now + timedelta(days=3))
        add_event(session, title="Terlalu jauh", starts_at=now + timedelta(days=45))
        add_event(session, title="Sudah lewat", starts_at=now - timedelta(days=2))
        items = [add_item(session, key=f"it-{n}", title=f"Buku {n}") for n in range(32)]
        events = batch_inputs(session, "events", JAKARTA, "id")
        books = batch_inputs(session, "items", JAKARTA, "en")
    assert [(name, data.title) for name, data in events] == [(f"acara-{soon.id}", "Dongeng")]
    assert events[0][1].locale == "id" and events[0][1].place == soon.place
    newest = items[::-1][:30]
    assert [(name, data.title) for name, data in books] == [
        (f"koleksi-{i.id}", i.title) for i in newest
    ]
    assert {data.locale for _, data in books} == {"en"}


@pytest.fixture
def shipped(sqlite_db):
    """The catalog of the templates shipped in content_templates/."""
    from planner.templates.store import catalog

    with session_scope() as session:
        return catalog(session)


@pytest.mark.parametrize(
    ("source", "locale", "everyday", "kinds"),
    [
        ("event", "id", "event-announcement", {"event", "training"}),
        ("event", "en", "event-announcement", {"event", "training"}),
        ("collection", "id", "new-arrival", {"collection"}),
        ("service", "en", "opening-hours", {"service"}),
    ],
)
def test_templates_for_a_source_put_the_everyday_one_first(
    shipped, source, locale, everyday, kinds
) -> None:
    from planner.drafting import templates_for

    found = templates_for(shipped, source, locale)
    first, *rest = found.values()
    assert first.id == everyday and {t.kind for t in found.values()} == kinds
    titles = [t.title(locale).casefold() for t in rest]
    assert titles == sorted(titles)
    assert set(found) == {tid for tid, t in shipped.templates.items() if t.kind in kinds}


@pytest.mark.parametrize(
    ("template", "source", "asked"),
    [
        ("event-recap", "event", ["attendees", "highlight"]),  # the event gives the rest
        ("librarian-training", "event", ["quota", "deadline"]),
        ("book-of-the-week", "collection", ["reason", "picked_by"]),
        ("new-arrivals-list", "collection", []),  # the books are chosen, not typed
        ("opening-hours", "service", ["period", "hours", "note"]),
    ],
)
def test_fields_to_ask_are_those_the_source_does_not_fill(shipped, template, source, asked):
    from planner.drafting import fields_to_ask

    assert [f.name for f in fields_to_ask(shipped.get(template), source)] == asked


@pytest.mark.parametrize(
    ("template", "source", "values", "missing"),
    [
        ("opening-hours", "service", {}, ["hours"]),
        ("opening-hours", "service", {"hours": [], "period": ""}, ["hours"]),
        ("opening-hours", "service", {"hours": ["Senin 08.00–16.00"]}, []),
        (
            "national-day",
            "service",
            {"day_name": "Hari Buku", "message": ""},
            ["day_date", "message"],
        ),
        ("event-recap", "event", {}, []),  # attendees and highlight are optional
        ("new-arrivals-list", "collection", {}, []),
    ],
)
def test_missing_fields_are_the_required_ones_left_empty(
    shipped, template, source, values, missing
) -> None:
    from planner.drafting import missing_fields

    assert [f.name for f in missing_fields(shipped.get(template), source, values)] == missing


@pytest.mark.parametrize(
    ("template", "locale", "expect"),
    [
        ("event-announcement", "id", "Sabtu, 5 Desember 2026"),
        ("event-announcement", "en", "Saturday, 5 December 2026"),
        ("opening-hours", "id", "#PerpusKotaPekalongan"),
    ],
)
def test_example_texts_fill_every_platform_and_check_it(shipped, template, locale, expect):
    from planner.drafting import example_texts
    from planner.limits import PLATFORMS

    examples = example_texts(shipped.get(template), JAKARTA, locale)
    assert list(examples) == list(PLATFORMS)
    for platform, (text, result) in examples.items():
        assert expect in text, platform
        assert result.ok and result.length <= result.limit, (platform, result.as_dict())


def test_example_texts_show_what_a_platform_refuses() -> None:
    from planner.drafting import example_texts
    from planner.templates.model import parse_template
    from planner.templates.store import blank_template

    data = blank_template("service", "terlalu-panjang")
    data["name"] = {"id": "Terlalu panjang", "en": "Too long"}
    data["text"]["id"]["x"] = "Halo pembaca! " * 30  # 420 characters: over X's 280
    examples = example_texts(parse_template(data, "app:terlalu-panjang"), JAKARTA, "id")
    assert not examples["x"][1].ok and examples["x"][1].length > 280
    assert examples["facebook"][1].ok
