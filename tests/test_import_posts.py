"""Posting slots, "add to queue", and bulk scheduling from a CSV (through the real CLI)."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PIL import Image
from sqlmodel import select

from planner.db import session_scope
from planner.importing.posts import RowError, import_posts, read_rows, row_key
from planner.models import Post, PostTarget
from planner.scheduling import PostCreate
from planner.slots import (
    SlotError,
    add_to_queue,
    describe,
    next_free_slot,
    parse_slots,
    set_slots,
)
from tests.factories import add_sandbox_accounts
from tests.people_helpers import ADMIN, cli_user
from tests.test_cli import planner

WIB = ZoneInfo("Asia/Jakarta")


@pytest.mark.parametrize(
    ("spec", "count", "first"),
    [
        ("Mon-Sat 09:00,16:00", 12, (0, "09:00")),
        ("Sen-Sab 9.00", 6, (0, "09:00")),
        ("Fri-Mon 10:00", 4, (0, "10:00")),  # wraps over the weekend
        ("mon,thu 08:30; sun 19:00", 3, (0, "08:30")),
    ],
)
def test_parse_slots(spec: str, count: int, first: tuple[int, str]) -> None:
    slots = parse_slots(spec)
    assert len(slots) == count and slots[0] == first
    assert parse_slots(describe(slots)) == slots


@pytest.mark.parametrize("bad", ["Mon", "Funday 09:00", "Mon 25:00", "Mon 9"])
def test_bad_slot_specs_say_why(bad: str) -> None:
    with pytest.raises(SlotError):
        parse_slots(bad)


def test_add_to_queue_takes_each_accounts_next_free_slot(any_db) -> None:
    now = datetime(2026, 12, 2, 8, 0, tzinfo=WIB)  # a Wednesday
    with session_scope() as session:
        x, fb, _ = add_sandbox_accounts(session)
        set_slots(session, x.id, parse_slots("Mon-Sat 09:00,16:00"), actor=ADMIN)
        set_slots(session, fb.id, parse_slots("Fri 10:00"), actor=ADMIN)
        data = PostCreate(texts={"x": "Halo", "facebook": "Halo"}, account_ids=[x.id, fb.id])
        add_to_queue(session, data, now=now, actor=ADMIN)
        add_to_queue(session, data, now=now, actor=ADMIN)
        with pytest.raises(SlotError, match="no posting slots"):
            next_free_slot(session, add_sandbox_accounts(session)[2].id, after=now)
    with session_scope() as session:
        dues = sorted(
            (t.platform, t.due_at.astimezone(WIB).strftime("%a %H:%M"))
            for t in session.exec(select(PostTarget))
        )
    assert dues == [
        ("facebook", "Fri 10:00"),
        ("facebook", "Fri 10:00"),  # next week's Friday
        ("x", "Wed 09:00"),
        ("x", "Wed 16:00"),
    ]
    with session_scope() as session:
        fb_dues = sorted(
            t.due_at for t in session.exec(select(PostTarget)) if t.platform == "facebook"
        )
    assert (fb_dues[1] - fb_dues[0]).days == 7


def _jpeg(color: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (1080, 1080), color).save(buffer, "JPEG")
    return buffer.getvalue()


X, FB, IG = "@perpuskotapkl", "Perpustakaan Kota Pekalongan", "@perpuskotapekalongan"
CSV = f"""date;time;accounts;text;template;event;image;layout;title;alt_text
2030-01-06;09:00;{X}|{FB};Halo pembaca!;;;;;Salam;
next slot;;{X};Antrean pagi;;;;;;
2030-01-07;10.30;{FB};;event-announcement;1;;;;
2030-01-08;09:00;{IG};Poster kami;;;poster.jpg;;Poster;Poster acara dongeng
2030-01-09;09:00;{IG};Tanpa gambar;;;;;;
2020-01-01;09:00;{X};Lampau;;;;;;
2030-01-10;09:00;nobody;Halo;;;;;;
2030-01-11;25:00;{X};Halo;;;;;;
2030-01-12;09:00;{IG};Dengan layout;;;;event_poster;Judul Poster;Poster judul
2030-01-13;09:00;{X};{"a" * 300};;;refused.jpg;;;Gambar
"""
EXPECTED = ["scheduled"] * 4 + ["refused"] * 4 + ["scheduled", "refused"]


def test_import_posts_cli_report_refusals_and_idempotence(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert planner("demo", data_dir=data).returncode == 0
    admin = cli_user(data)
    assert planner("slots", "set", "1", "Mon-Sun 08:00", data_dir=data, env=admin).returncode == 0
    (tmp_path / "poster.jpg").write_bytes(_jpeg("navy"))
    (tmp_path / "refused.jpg").write_bytes(_jpeg("maroon"))
    sheet = tmp_path / "posts.csv"
    sheet.write_text(CSV, encoding="utf-8")
    media = data / "media"
    files_before = set(media.rglob("*.jpg"))

    run = planner("import", "posts", str(sheet), "--json", data_dir=data, env=admin)
    assert run.returncode == 1 and "5 row(s) refused" in run.stderr.strip().splitlines()[-1]
    report = json.loads(run.stdout)
    assert [r["status"] for r in report["rows"]] == EXPECTED
    errors = {r["row"]: " ".join(r["errors"]) for r in report["rows"]}
    assert "image" in errors[6].lower()  # Instagram needs one
    assert "passed" in errors[7] and "nobody" in errors[8] and "25:00" in errors[9]
    assert report["rows"][1]["due"]  # the next free slot was used
    new_files = {p for p in set(media.rglob("*.jpg")) - files_before if "thumbs" not in p.parts}
    # poster.jpg, the layout render and the template render stay; refused.jpg left no file
    # (thumbnails, made by the media library for every stored image, are not counted)
    assert len(new_files) == 3
    new_thumbs = {p for p in set(media.rglob("*.jpg")) - files_before if "thumbs" in p.parts}
    assert len(new_thumbs) == 3  # no thumbnail left behind by the refused image either
    import hashlib

    refused_hash = hashlib.sha256(_jpeg("maroon")).hexdigest()
    assert not any(refused_hash in p.name for p in new_files)

    again = planner("import", "posts", str(sheet), "--json", data_dir=data, env=admin)
    again = json.loads(again.stdout)
    statuses = [r["status"] for r in again["rows"]]
    assert statuses == [("exists" if s == "scheduled" else s) for s in EXPECTED]
    queue = json.loads(planner("queue", "--json", "--limit", "200", data_dir=data).stdout)
    imported = [i for i in queue["items"] if i["due_at"] >= "2029"]
    assert len(imported) == 5  # row 1 has two accounts; nothing doubled by the re-import


def test_dry_run_and_bad_files(tmp_path: Path) -> None:
    data = tmp_path / "data"
    planner("demo", data_dir=data)
    admin = cli_user(data)
    good = tmp_path / "good.csv"
    good.write_text(f"date,time,accounts,text\n2030-02-01,09:00,{X},Halo\n", encoding="utf-8")
    run = planner("import", "posts", str(good), "--dry-run", "--json", data_dir=data, env=admin)
    assert run.returncode == 0 and json.loads(run.stdout)["ok"] == 1
    queue = json.loads(planner("queue", "--json", data_dir=data).stdout)
    assert not any(i["due_at"].startswith("2030") for i in queue["items"])
    bad = tmp_path / "bad.csv"
    bad.write_text("when,accounts\n2030-01-01,x\n", encoding="utf-8")
    run = planner("import", "posts", str(bad), data_dir=data, env=admin)
    assert run.returncode == 1 and "unknown column(s): when" in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1
    missing = planner("import", "posts", str(tmp_path / "nope.csv"), data_dir=data, env=admin)
    assert missing.returncode == 1 and "no such file" in missing.stderr


def test_row_key_ignores_line_and_column_order() -> None:
    rows = read_rows("accounts,text,date,time\na,Halo,2030-01-01,09:00\n\n")
    assert rows[0][0] == 2
    assert row_key(rows[0][1]) == row_key({"time": "09:00", "date": "2030-01-01", "text": "Halo",
                                            "accounts": "a"})  # fmt: skip
    with pytest.raises(RowError, match="empty"):
        read_rows("")


def test_uploaded_images_are_matched_by_name(sqlite_db) -> None:
    with session_scope() as session:
        add_sandbox_accounts(session)
    report = import_posts(
        "date,time,accounts,text,image,alt_text\n"
        "2030-03-01,09:00,Sandbox instagram,Halo IG,foto.jpg,Foto kegiatan\n",
        images={"foto.jpg": _jpeg("teal")},
        now=datetime(2026, 12, 1, tzinfo=UTC),
        actor=ADMIN,
    )
    assert [r.status for r in report.rows] == ["scheduled"]
    with session_scope() as session:
        post = session.exec(select(Post)).one()
        assert post.media_asset_id is not None and post.import_key.startswith("csv:")


def test_a_sheet_saved_by_excel_in_windows_1252_is_read_like_the_events_import(sqlite_db) -> None:
    with session_scope() as session:
        add_sandbox_accounts(session)
    sheet = "date;time;accounts;text\n"
    sheet += "06/03/2030;09.00;Sandbox x;Diskusi buku di kafe perpustakaan – gratis!\n"
    report = import_posts(
        sheet.encode("cp1252"), now=datetime(2026, 12, 1, tzinfo=UTC), actor=ADMIN
    )
    assert [r.status for r in report.rows] == ["scheduled"], report.rows[0].errors
    with session_scope() as session:
        [target] = session.exec(select(PostTarget)).all()
    assert target.text == "Diskusi buku di kafe perpustakaan – gratis!"


@pytest.mark.parametrize("day", ["2030-03-06", "06/03/2030", "6-3-30", "Rabu, 6 Maret 2030"])
def test_dates_are_read_like_the_events_import(sqlite_db, day: str) -> None:
    with session_scope() as session:
        add_sandbox_accounts(session)
    report = import_posts(
        f"date;time;accounts;text\n{day};09.00;Sandbox x;Halo\n",
        now=datetime(2026, 12, 1, tzinfo=UTC),
        actor=ADMIN,
    )
    assert report.rows[0].due == ["2030-03-06T09:00:00+07:00"], report.rows[0].errors
