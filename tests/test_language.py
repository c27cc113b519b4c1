"""The post's language is the library's, not the reader's; refusals are worded in Indonesian."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from planner.campaigns import CampaignError, plan_campaign, schedule_campaign
from planner.db import session_scope
from planner.i18n import t
from planner.importing.kinds import import_file
from planner.importing.report import ImportFileError
from planner.people.users import set_locale
from planner.slots import SlotError, parse_slots, set_slots
from planner.ui import runtime
from tests.factories import add_event, add_sandbox_accounts
from tests.people_helpers import ADMIN, make_user, signed_app

ENGLISH = ("not a", "missing", "must be", "every step", "column", "title", "(s)")


@pytest.mark.parametrize(
    ("spec", "indonesian"),
    [
        ("Sen 9", "“9” bukan jam; tulis JJ.MM"),
        ("Sen 25.00", "“25.00” bukan jam"),
        ("Libur 09.00", "“Libur” bukan nama hari"),
        ("Sen-Sab", "“Sen-Sab” belum menyebut jamnya"),
    ],
)
def test_slot_mistakes_in_indonesian(spec: str, indonesian: str) -> None:
    with pytest.raises(SlotError) as caught:
        parse_slots(spec)
    assert indonesian in caught.value.text("id")
    assert not any(word in caught.value.text("id") for word in ENGLISH)
    assert caught.value.text("en").startswith(("not a", "missing"))


def test_slot_weekday_and_account_in_indonesian(sqlite_db: str) -> None:
    with session_scope() as session:
        account = add_sandbox_accounts(session)[0]
        with pytest.raises(SlotError) as caught:
            set_slots(session, account.id, [(7, "09:00")], actor=ADMIN)
    assert caught.value.text("id") == "Hari harus 0 (Senin) sampai 6 (Minggu), bukan 7"


def test_campaign_whose_steps_are_all_past_in_indonesian(sqlite_db: str) -> None:
    with session_scope() as session:
        accounts = add_sandbox_accounts(session)
        event = add_event(session, starts_at=datetime.now(UTC) - timedelta(days=5))
        plan = plan_campaign(session, "event-announcement", event.id, actor=ADMIN)
        assert not plan.active
        with pytest.raises(CampaignError) as caught:
            schedule_campaign(session, plan, account_ids=[accounts[0].id], actor=ADMIN)
    assert caught.value.text("id") == (
        "Semua tahap kampanye ini sudah lewat; tidak ada unggahan yang dijadwalkan."
    )
    assert "past" in str(caught.value)


def test_campaign_count_has_no_plural_brackets() -> None:
    assert t("compose.campaign_exists", "id", count=1) == "Acara ini sudah punya 1 kampanye."
    assert "(s)" not in t("compose.campaign_exists", "en", count=1)


@pytest.mark.parametrize(
    ("kind", "data"),
    [
        ("events", b"tanggal;jam\n06/12/2026;09.00\n"),
        ("collection", b"pengarang;tahun\nLeila;2017\n"),
    ],
)
def test_missing_column_is_named_as_the_help_names_it(sqlite_db: str, kind, data) -> None:
    with pytest.raises(ImportFileError) as caught:
        import_file(kind, data, f"{kind}.csv", actor=ADMIN)
    assert caught.value.text("id").endswith("perlu kolom judul.")
    assert "judul" in t(f"sources.import_help_{kind}", "id")
    assert caught.value.text("en").endswith("needs these columns: title.")


def test_post_language_defaults_to_the_librarys_not_the_readers(demo_db: str, monkeypatch) -> None:
    at = signed_app(30)
    with session_scope() as session:  # the staff member reads the app in English
        set_locale(session, make_user("admin"), "en")
    at.session_state["locale"] = "en"
    # AppTest calls a radio's format_func outside the page, where the session's language
    # cannot be read: give it the same answer.
    monkeypatch.setattr(runtime, "locale", lambda: "en")
    at.run()
    picker = at.selectbox(key="post_language")
    assert picker.value == "id" and picker.label == "Post language"
    at.button[0].click().run()
    assert not at.exception
    assert at.session_state["draft"].locale == "id"
    indonesian_text = at.session_state["text_x"]
    picker.set_value("en").run()
    at.button[0].click().run()
    assert at.session_state["draft"].locale == "en"
    assert at.session_state["text_x"] != indonesian_text
