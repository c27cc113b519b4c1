"""Observances: the shipped national days, date rules across a new year, the library's own days,
a bad data file, and the nudge that appears two weeks ahead and goes once a post is drafted."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlmodel import select

from planner.db import session_scope
from planner.drafting import check_draft
from planner.lifecycle import S
from planner.models import AuditEntry, Observance, Post, PostTarget
from planner.observances.days import (
    Day,
    ObservanceProblem,
    add_library_day,
    all_days,
    load_text,
    national_days,
    occurrences,
    on_days,
    remove_library_day,
)
from planner.observances.nudges import LEAD_DAYS, draft_for, nudges
from planner.people.roles import PermissionDenied
from planner.scheduling import PostCreate, cancel_post, schedule_post
from tests.factories import add_sandbox_accounts
from tests.people_helpers import ADMIN, make_user

EXPECTED = {
    "hari-kartini": (4, 21),
    "hari-pendidikan-nasional": (5, 2),
    "hari-buku-nasional": (5, 17),
    "hari-anak-nasional": (7, 23),
    "hut-ri": (8, 17),
    "bulan-gemar-membaca": (9, None),
    "hari-kunjung-perpustakaan": (9, 14),
    "hari-sumpah-pemuda": (10, 28),
    "hari-guru-nasional": (11, 25),
    "hari-ibu": (12, 22),
}


def test_the_shipped_file_holds_the_national_days_with_their_templates(sqlite_db: str) -> None:
    from planner.templates.store import catalog

    days = {d.key: d for d in national_days()}
    assert {k: (d.month, d.day) for k, d in days.items()} == EXPECTED
    with session_scope() as session:
        templates = catalog(session).templates
    for day in days.values():
        assert day.template in templates, day.key
        assert day.title("id") and day.title("en") != day.title("id")
        assert day.text("id") and day.text("en")
    assert days["hari-buku-nasional"].template == "hari-buku-nasional"
    assert days["bulan-gemar-membaca"].template == "bulan-gemar-membaca"


def test_a_whole_month_runs_to_its_last_day_also_in_december() -> None:
    september = Day("bgm", {"id": "Bulan Gemar Membaca"}, 9, None, "national-day")
    occ = september.occurrence(2027)
    assert (occ.start, occ.end, occ.whole_month) == (date(2027, 9, 1), date(2027, 9, 30), True)
    december = Day("des", {"id": "Bulan Desember"}, 12, None, "national-day").occurrence(2026)
    assert (december.start, december.end) == (date(2026, 12, 1), date(2026, 12, 31))


def test_occurrences_cross_the_new_year() -> None:
    days = [
        Day("hari-ibu", {"id": "Hari Ibu"}, 12, 22, "national-day"),
        Day("jadi", {"id": "Hari Jadi"}, 1, 5, "library-anniversary", origin="library"),
    ]
    found = occurrences(days, date(2026, 12, 20), date(2027, 1, 10))
    assert [(o.day.key, o.start) for o in found] == [
        ("hari-ibu", date(2026, 12, 22)),
        ("jadi", date(2027, 1, 5)),
    ]
    # A month-long observance that began before the window still touches it; it is marked on
    # its first day only.
    month = Day("bgm", {"id": "Bulan Gemar Membaca"}, 9, None, "national-day")
    inside = occurrences([month], date(2027, 9, 13), date(2027, 9, 19))
    assert [o.start for o in inside] == [date(2027, 9, 1)]
    assert on_days(inside, [date(2027, 9, 13) + timedelta(days=i) for i in range(7)]) == {}
    assert list(on_days(inside, [date(2027, 9, 1)])) == [date(2027, 9, 1)]


def test_anniversary_counts_years_from_the_founding_year() -> None:
    day = Day("jadi", {"id": "Hari Jadi"}, 3, 10, "library-anniversary", since_year=2002)
    assert day.occurrence(2027).years == 25
    assert Day("x", {"id": "X"}, 3, 10, "national-day").occurrence(2027).years is None


@pytest.mark.parametrize(
    ("body", "line", "reason"),
    [
        ("observances:\n  - id: a\n    name: {id: A}\n    template: t\n", 2, "either date"),
        (
            'observances:\n  - id: a\n    name: {id: A}\n    template: t\n    date: "05-17"\n'
            '  - id: b\n    name: {id: B}\n    template: t\n    date: "02-30"\n',
            6,
            "month 02, day 30 is not a day of every year",
        ),
        (
            'observances:\n  - id: a\n    name: {id: A}\n    template: t\n    date: "05-17"\n'
            "  - id: a\n    name: {id: B}\n    template: t\n    month: 9\n",
            6,
            "used twice",
        ),
        ("observances:\n  - id: a\n    name: {en: A}\n    template: t\n    month: 9\n", 2, "id:"),
        ("observances:\n  - id: Hari Buku\n    name: {id: A}\n", 2, "lowercase"),
        ("observances:\n  - id: a\n    name: {id: A}\n    template: t\n    month: 13\n", 2, "13"),
        ("observances:\n  - id: a\n   name: [\n", 3, "not valid YAML"),
        ("days: []\n", 1, "observances:"),
    ],
)
def test_a_bad_data_file_is_refused_with_its_line(body: str, line: int, reason: str) -> None:
    with pytest.raises(ObservanceProblem) as err:
        load_text(body, "national.yaml")
    assert err.value.line == line
    assert str(err.value).startswith(f"national.yaml, line {line}: ")
    assert reason in err.value.reason


def test_library_days_are_added_listed_and_removed(sqlite_db: str) -> None:
    with session_scope() as session:
        row = add_library_day(
            session, ADMIN, name_id="Hari Jadi Perpustakaan", month=3, day=10, since_year=2002
        )
        again = add_library_day(session, ADMIN, name_id="Hari Jadi Perpustakaan", month=6, day=1)
        assert (row.key, again.key) == ("hari-jadi-perpustakaan", "hari-jadi-perpustakaan-2")
        ours = [d for d in all_days(session) if d.origin == "library"]
        assert [(d.key, d.month, d.day) for d in ours] == [
            ("hari-jadi-perpustakaan", 3, 10),
            ("hari-jadi-perpustakaan-2", 6, 1),
        ]
        remove_library_day(session, ADMIN, "hari-jadi-perpustakaan-2")
        actions = session.exec(select(AuditEntry.action)).all()
    assert actions.count("observance.add") == 2 and "observance.remove" in actions
    with session_scope() as session:
        assert [o.key for o in session.exec(select(Observance))] == ["hari-jadi-perpustakaan"]


@pytest.mark.parametrize(
    ("values", "reason"),
    [
        ({"month": 2, "day": 29}, "not a day of every year"),
        ({"month": 13, "day": 1}, "not a day of every year"),
        ({"month": 3, "day": 10, "template_id": "no-such"}, "no template"),
        ({"month": 3, "day": 10, "since_year": 3000}, "not a past year"),
        ({"month": 3, "day": 10, "name_id": "  "}, "needs a name"),
    ],
)
def test_a_bad_library_day_is_refused_and_nothing_saved(sqlite_db: str, values, reason) -> None:
    values = {"name_id": "Hari Jadi", **values}
    with pytest.raises(ObservanceProblem, match=reason), session_scope() as session:
        add_library_day(session, ADMIN, **values)
    with session_scope() as session:
        assert session.exec(select(Observance)).all() == []


def test_only_people_who_keep_the_library_data_manage_its_days(sqlite_db: str) -> None:
    trainee = make_user("trainee")
    with pytest.raises(PermissionDenied), session_scope() as session:
        add_library_day(session, trainee, name_id="Hari Jadi", month=3, day=10)
    with pytest.raises(ObservanceProblem, match="no own day"), session_scope() as session:
        remove_library_day(session, make_user("staff"), "hari-buku-nasional")
    with session_scope() as session:
        assert add_library_day(session, make_user("staff"), name_id="Hari Jadi", month=3, day=10)


def _keys(session, today: date) -> list[tuple[str, int]]:
    return [(n.key, n.days_left) for n in nudges(session, today=today)]


def test_nudges_show_two_weeks_ahead_until_the_day(sqlite_db: str) -> None:
    with session_scope() as session:
        assert _keys(session, date(2027, 5, 2)) == [("hari-pendidikan-nasional", 0)]
        assert _keys(session, date(2027, 5, 3)) == [("hari-buku-nasional", LEAD_DAYS)]
        assert _keys(session, date(2027, 5, 18)) == []
        # Bulan Gemar Membaca starts on 1 September; Hari Kunjung Perpustakaan follows.
        assert _keys(session, date(2027, 8, 31)) == [
            ("bulan-gemar-membaca", 1),
            ("hari-kunjung-perpustakaan", 14),
        ]


def test_a_nudge_crosses_the_new_year_for_a_library_day(sqlite_db: str) -> None:
    with session_scope() as session:
        add_library_day(session, ADMIN, name_id="Hari Jadi", month=1, day=2, since_year=2002)
        assert _keys(session, date(2026, 12, 20)) == [("hari-ibu", 2), ("hari-jadi", 13)]


def test_drafting_from_a_nudge_makes_a_linked_draft_and_the_nudge_goes(sqlite_db: str) -> None:
    today = date(2027, 5, 5)
    with session_scope() as session:
        add_sandbox_accounts(session)
        post = draft_for(session, ADMIN, "hari-buku-nasional", today=today)
        targets = session.exec(select(PostTarget).where(PostTarget.post_id == post.id)).all()
        assert (post.status, post.observance_key) == (S.DRAFT, "hari-buku-nasional")
        assert post.template_id == "hari-buku-nasional"
        assert {t.platform for t in targets} == {"x", "facebook", "instagram"}
        assert all(t.status == S.DRAFT for t in targets)
        # 09.00 WIB on 17 May is 02.00 UTC: a suggested time, nothing queued.
        assert {t.due_at for t in targets} == {datetime(2027, 5, 17, 2, 0, tzinfo=UTC)}
        assert "Hari Buku Nasional" in targets[0].text
        assert _keys(session, today) == []
        # Cancelled, it no longer counts: the nudge comes back.
        cancel_post(session, post.id, actor=ADMIN)
        assert _keys(session, today) == [("hari-buku-nasional", 12)]


def test_the_drafts_texts_pass_every_platforms_check_in_both_languages(sqlite_db: str) -> None:
    from planner.drafting import make_draft
    from planner.observances.nudges import _values

    with session_scope() as session:
        add_library_day(session, ADMIN, name_id="Hari Jadi Perpustakaan", month=3, day=10)
        for day in all_days(session):
            for locale in ("id", "en"):
                occ = day.occurrence(2027)
                draft = make_draft(
                    session, day.template, actor=ADMIN, values=_values(occ, locale), locale=locale
                )
                assert day.title(locale) in draft.texts["facebook"] or day.key in (
                    "hari-buku-nasional",
                    "bulan-gemar-membaca",
                ), (day.key, locale)
                results = check_draft(draft)
                assert all(r.ok for r in results.values()), (day.key, locale, results)


def test_a_post_from_the_template_near_the_day_covers_it(sqlite_db: str) -> None:
    with session_scope() as session:
        accounts = add_sandbox_accounts(session)
        schedule_post(
            session,
            data=PostCreate(
                title="Hari Guru",
                texts={"x": "Selamat Hari Guru Nasional!"},
                account_ids=[accounts[0].id],
                due_at=datetime(2027, 11, 24, 3, 0, tzinfo=UTC),
                template_id="national-day",
            ),
            actor=ADMIN,
        )
        assert _keys(session, date(2027, 11, 20)) == []
        # The same template a week before does not cover Hari Ibu.
        assert _keys(session, date(2027, 12, 15)) == [("hari-ibu", 7)]


def test_a_linked_post_from_last_year_does_not_cover_this_year(sqlite_db: str) -> None:
    with session_scope() as session:
        add_sandbox_accounts(session)
        post = draft_for(session, ADMIN, "hari-ibu", today=date(2026, 12, 10))
        post.created_at = datetime(2026, 12, 10, tzinfo=UTC)
        session.add(post)
        session.flush()
        assert _keys(session, date(2027, 12, 15)) == [("hari-ibu", 7)]


def test_drafting_without_an_account_or_for_an_unknown_day_is_refused(sqlite_db: str) -> None:
    with pytest.raises(ObservanceProblem, match="no active account"), session_scope() as session:
        draft_for(session, ADMIN, "hari-ibu", today=date(2027, 12, 10))
    with pytest.raises(ObservanceProblem, match="no observance"), session_scope() as session:
        draft_for(session, ADMIN, "hari-tidak-ada")
    with session_scope() as session:
        assert session.exec(select(Post)).all() == []
