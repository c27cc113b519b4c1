"""AppTest smoke tests: every page renders without an exception and shows its key widgets."""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select
from streamlit.testing.v1 import AppTest

from planner.db import session_scope
from planner.models import CollectionItem, Event
from tests.people_helpers import signed_app

PAGES = [
    ("planner/ui/compose.py", "Tulis unggahan"),
    ("planner/ui/templates.py", "Templat konten"),
    ("planner/ui/sources.py", "Acara & Koleksi"),
    ("planner/ui/calendar.py", "Kalender & Antrean"),
    ("planner/ui/inbox.py", "Kotak masuk"),
    ("planner/ui/planning.py", "Slot, seri & impor"),
    ("planner/ui/media.py", "Pustaka media"),
    ("planner/ui/dashboard.py", "Dasbor interaksi"),
    ("planner/ui/report.py", "Laporan bulanan"),
    ("planner/ui/accounts.py", "Akun media sosial"),
    ("planner/ui/settings.py", "Pengaturan"),
    ("planner/ui/studio.py", "Studio gambar"),
    ("planner/ui/brand.py", "Identitas merek"),
    ("planner/ui/drafts.py", "Draf & tinjauan"),
    ("planner/ui/review.py", "Tinjauan unggahan"),
    ("planner/ui/users.py", "Pengguna"),  # more in tests/test_app_people.py
    ("planner/ui/audit_log.py", "Log audit"),
    ("planner/ui/profile.py", "Profil"),
]


def _app() -> AppTest:
    return signed_app(30)


@pytest.mark.parametrize(("page", "header"), PAGES)
def test_page_renders(demo_db: str, page: str, header: str) -> None:
    at = _app().run()
    at.switch_page(page).run()
    assert not at.exception
    assert header in [h.value for h in at.header]


def test_every_multiselect_hint_is_in_the_page_language(demo_db: str) -> None:
    at = _app().run()
    at.button[0].click().run()  # a draft: the compose page shows its account picker
    at.session_state["studio_layout"] = "book_list"  # the studio's book picker
    hints = {}
    for page, _ in PAGES:
        at.switch_page(page).run()
        assert not at.exception
        hints |= {(page, m.label): m.proto.placeholder for m in at.multiselect}
    assert len(hints) >= 8, hints
    assert not [where for where, text in hints.items() if not text], hints


def test_compose_makes_draft_and_schedules(demo_db: str) -> None:
    at = _app().run()
    assert not at.exception
    at.button[0].click().run()  # "Buat draf" with the first event and template
    assert not at.exception
    texts = {ta.key: ta.value for ta in at.text_area}
    assert "Dongeng Anak" in texts["text_x"]
    assert texts["alt_text"].startswith("Poster acara")
    at.text_area(key="text_x").input(texts["text_x"] + " ✨").run()
    at.button(key="schedule_btn").click().run()
    assert not at.exception
    assert any("dijadwalkan" in s.value for s in at.success)


def _dashboard_over_demo_weeks() -> AppTest:
    """The dashboard over the last 60 days, where the demo's posts went out."""
    at = _app().run()
    at.switch_page("planner/ui/dashboard.py").run()
    today = datetime.now(ZoneInfo("Asia/Jakarta")).date()
    at.selectbox(key="dash_period").set_value("custom")
    at.date_input(key="dash_dates").set_value((today - timedelta(days=60), today))
    next(b for b in at.button if b.label == "Terapkan").click().run()
    return at


def test_dashboard_marks_simulated_figures(demo_db: str) -> None:
    at = _dashboard_over_demo_weeks()
    assert not at.exception
    assert any("simulasi" in w.value for w in at.warning)
    assert at.get("vega_lite_chart") or at.get("arrow_vega_lite_chart")


def shown_columns(frame) -> list[str]:
    """A dataframe's headers as the reader sees them (column_config labels win)."""
    config = json.loads(frame.proto.columns or "{}")
    return [config.get(str(c), {}).get("label") or str(c) for c in frame.value.columns]


def test_dashboard_table_speaks_the_page_language(demo_db: str) -> None:
    at = _dashboard_over_demo_weeks()
    at.radio(key="dash_section").set_value("content").run()
    top = next(t for t in at.dataframe if "Judul" in shown_columns(t))
    assert shown_columns(top) == [
        "Judul",
        "Platform",
        "Akun",
        "Interaksi",
        "Jangkauan",
        "Klik tautan",
        "Tautan",
        "Simulasi",
    ]
    assert set(top.value["Platform"]) <= {"X", "Halaman Facebook", "Instagram"}


def test_language_switch_to_english(demo_db: str) -> None:
    at = _app().run()
    at.sidebar.selectbox[0].select("en").run()
    assert not at.exception
    assert "Compose a post" in [h.value for h in at.header]


def test_accounts_page_labels_sandbox_accounts(demo_db: str) -> None:
    at = _app().run()
    at.switch_page("planner/ui/accounts.py").run()
    text = " ".join(m.value for m in at.markdown)
    assert text.count("Sandbox") >= 3


def test_unreachable_database_shows_error_box(data_dir, monkeypatch) -> None:
    from planner import config

    monkeypatch.setenv("DATABASE_URL", "postgresql://nobody@127.0.0.1:1/none")
    config.reset_settings()
    at = AppTest.from_file("../app.py", default_timeout=30).run()
    assert not at.exception
    assert any("tidak dapat dibuka" in e.value for e in at.error)


def _texts(at: AppTest) -> dict[str, str]:
    return {ta.key: ta.value for ta in at.text_area if ta.key}


def test_compose_validates_as_you_edit_and_previews(demo_db: str) -> None:
    at = _app().run()
    at.button[0].click().run()
    at.text_area(key="text_x").input("x" * 300).run()
    assert not at.exception
    assert any("300/280" in e.value for e in at.error)
    assert any("⛔ 300/280" in c.value for c in at.caption)
    at.text_area(key="text_instagram").input(
        "Daftar di https://perpustakaan.pekalongankota.go.id"
    ).run()
    assert any("tautan di bio" in w.value for w in at.warning)
    at.text_area(key="alt_text").input("").run()
    assert any("teks alternatif" in e.value for e in at.error)
    html = " ".join(h.proto.body for h in at.get("html"))
    assert "planner-preview" in html and 'data-platform="instagram"' in html


def test_length_counters_group_thousands_as_the_page_language_does(demo_db: str) -> None:
    at = _app().run()
    at.button[0].click().run()
    assert any(c.value.endswith("/63.206") for c in at.caption)
    at.switch_page("planner/ui/templates.py").run()
    assert any("· " in m.value and m.value.endswith("/63.206") for m in at.markdown)
    at.sidebar.selectbox[0].select("en").run()
    assert any(m.value.endswith("/63,206") for m in at.markdown)


def test_compose_service_template_from_typed_fields(demo_db: str) -> None:
    at = _app().run()
    at.radio[0].set_value("service").run()
    at.selectbox(key="template_service").set_value("closure-notice").run()
    at.date_input(key="field_closure-notice_closed_from").set_value(date(2026, 12, 24)).run()
    at.text_input(key="field_closure-notice_reason").input("libur Natal").run()
    at.button[0].click().run()
    assert not at.exception
    assert "Kamis, 24 Desember 2026" in _texts(at)["text_x"]
    at.text_input(key="field_closure-notice_reason").input("").run()
    at.button[0].click().run()
    assert [e.value for e in at.error] == ["Isi dulu: Alasan."]


def test_compose_names_missing_fields_as_the_form_does(demo_db: str) -> None:
    at = _app().run()
    at.radio[0].set_value("service").run()
    at.selectbox(key="template_service").set_value("opening-hours").run()
    at.button[0].click().run()
    assert not at.exception
    assert [e.value for e in at.error] == ["Isi dulu: Jam buka (satu baris per hari)."]
    assert "draft" not in at.session_state


def test_compose_plans_and_schedules_a_campaign(demo_db: str) -> None:
    at = _app().run()
    at.selectbox(key="template_event").set_value("event-announcement").run()
    at.button(key="plan_campaign_btn").click().run()
    assert not at.exception
    steps = [e.label for e in at.expander if e.label.startswith("🗓️")]
    assert any("Pengingat" in s for s in steps) and any("Rekap" in s for s in steps)
    at.button(key="schedule_campaign_btn").click().run()
    assert not at.exception
    assert any("Kampanye #" in s.value for s in at.success)


def test_template_editor_duplicate_edit_save_and_history(demo_db: str) -> None:
    at = _app().run()
    at.switch_page("planner/ui/templates.py").run()
    at.selectbox(key="template_open").set_value("event-reminder").run()
    assert any("hanya bisa dibaca" in i.value for i in at.info)
    at.text_input[-1].input("pengingat-pagi").run()
    at.button(key="duplicate_btn").click().run()
    assert not at.exception
    assert any("pengingat-pagi disimpan (versi 1)" in s.value for s in at.success)
    key = "tpl_pengingat-pagi_1_text_id_x"
    at.text_area(key=key).input("⏰ Pagi ini: {{ title }} pukul {{ starts_at | time }}!").run()
    html = " ".join(h.proto.body for h in at.get("html"))
    assert "Pagi ini: Dongeng Anak: Si Kancil dan Buaya pukul 09.00 WIB!" in html
    at.button(key="save_btn").click().run()
    assert any("versi 2" in s.value for s in at.success)
    assert any("Riwayat versi (2)" in e.label for e in at.expander)
    assert at.get("download_button")


def test_template_editor_labels_its_grids_and_layouts_in_the_page_language(demo_db: str) -> None:
    at = _app().run()
    at.switch_page("planner/ui/templates.py").run()
    at.selectbox(key="template_open").set_value("event-announcement").run()
    assert not at.exception
    grids = [shown_columns(g) for g in at.dataframe]
    assert grids == [
        ["Nama isian (di teks)", "Jenis", "Wajib", "Contoh", "Label (ID)", "Label (EN)"],
        ["Kode tahap", "Hari dari acara", "Jam", "Templat", "Nama tahap (ID)", "Nama tahap (EN)"],
    ]
    [layout] = [s for s in at.selectbox if s.label == "Tata letak gambar"]
    assert layout.value == "event_poster"
    assert "Poster acara" in layout.options and "Daftar buku" in layout.options


@pytest.mark.parametrize(
    ("page", "key"),
    [
        ("planner/ui/studio.py", "studio_size"),
        ("planner/ui/brand.py", "brand_size"),
    ],
)
def test_image_sizes_are_named_in_the_page_language(demo_db: str, page: str, key: str) -> None:
    at = _app().run()
    at.switch_page(page).run()
    options = at.selectbox(key=key).options
    assert "1080×1350 (Instagram tegak)" in options
    assert not [o for o in options if "portrait" in o or "link)" in o]


def test_template_editor_refuses_bad_syntax_and_escapes(demo_db: str) -> None:
    at = _app().run()
    at.switch_page("planner/ui/templates.py").run()
    at.selectbox(key="template_open").set_value("event-reminder").run()
    at.button(key="duplicate_btn").click().run()
    key = "tpl_event-reminder-salinan_1_text_id_facebook"
    at.text_area(key=key).input("{{ title ").run()
    assert any("line 1" in e.value for e in at.error)
    assert at.button(key="save_btn").disabled
    at.text_area(key=key).input("{{ ''.__class__.__mro__ }}").run()
    assert any("Python internals" in e.value for e in at.error)
    assert at.button(key="save_btn").disabled


def test_template_editor_creates_a_new_template(demo_db: str) -> None:
    at = _app().run()
    at.switch_page("planner/ui/templates.py").run()
    at.selectbox(key="template_open").set_value("__new__").run()
    at.selectbox[1].set_value("service").run()
    at.text_input[0].input("info-parkir").run()
    at.button(key="create_template_btn").click().run()
    assert not at.exception
    assert any("info-parkir disimpan (versi 1)" in s.value for s in at.success)


def test_sources_page_adds_an_event_and_an_item(demo_db: str) -> None:
    at = _app().run()
    at.switch_page("planner/ui/sources.py").run()
    # Form widgets keep typed values until the form is submitted: no run() in between.
    next(t for t in at.text_input if t.label == "Judul").input("Kelas Menggambar Batik")
    next(t for t in at.text_input if t.label == "Tempat").input("Aula")
    next(b for b in at.button if b.label == "Simpan").click().run()
    assert not at.exception
    assert any("Kelas Menggambar Batik” ditambahkan" in s.value for s in at.success)
    next(t for t in at.text_input if t.label == "ISBN").input("978-0-00-000000-1")
    [t for t in at.text_input if t.label == "Judul"][1].input("Buku Uji")
    [b for b in at.button if b.label == "Simpan"][1].click().run()
    assert [e.value for e in at.error] == [
        "ISBN “978-0-00-000000-1” tidak sah (periksa digit terakhir atau jumlah digit)."
    ]


def _event_form_error(at: AppTest, **typed: object) -> list[str]:
    for label, value in typed.items():
        widget = next(w for w in at.main if getattr(w, "label", None) == label)
        widget.set_value(value)
    next(b for b in at.button if b.label == "Simpan").click().run()
    assert not at.exception
    return [e.value for e in at.error]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ({}, "Judul wajib diisi."),
        (
            {"Judul": "Kelas Batik", "Mulai": time(10), "Selesai": time(9)},
            "Jam selesai harus setelah jam mulai.",
        ),
        (
            {"Judul": "Kelas Batik", "Tautan pendaftaran": "bit.ly/batik"},
            "Tautan pendaftaran: “bit.ly/batik” bukan alamat web (harus diawali http:// atau "
            "https://).",
        ),
    ],
)
def test_event_form_refusals_speak_the_page_language(
    demo_db: str, typed: dict, expected: str
) -> None:
    at = _app().run()
    at.switch_page("planner/ui/sources.py").run()
    assert _event_form_error(at, **typed) == [expected]


@pytest.mark.parametrize(
    ("tab_key", "uploader", "button"),
    [
        ("event_open", "photo_", "photo_save_btn"),
        ("item_open", "cover_", "cover_save_btn"),
    ],
)
def test_sources_page_refuses_a_broken_picture_in_the_page_language(
    demo_db: str, tab_key: str, uploader: str, button: str
) -> None:
    at = _app().run()
    at.switch_page("planner/ui/sources.py").run()
    at.selectbox(key=tab_key).set_value(1).run()
    [field] = [u for u in at.file_uploader if u.key.startswith(uploader)]
    field.upload("foto.jpg", b"not a picture at all", "image/jpeg").run()
    at.button(key=button).click().run()
    assert not at.exception
    assert [e.value for e in at.error] == ["Berkas ini bukan gambar yang dapat dibaca."]


def test_event_form_and_table_speak_of_the_event_date_not_a_publish_date(demo_db: str) -> None:
    at = _app().run()
    at.switch_page("planner/ui/sources.py").run()
    assert "Tanggal acara" in [d.label for d in at.date_input]
    assert "Waktu acara" in at.dataframe[0].value.columns
    shown = [d.label for d in at.date_input] + list(at.dataframe[0].value.columns)
    assert "Tanggal publikasi" not in shown and "Tanggal terbit" not in shown


@pytest.mark.parametrize(
    ("chooser", "sure", "button", "model"),
    [
        ("event_open", "delete_event_sure_", "delete_event_btn", Event),
        ("item_open", "delete_item_sure_", "delete_item_btn", CollectionItem),
    ],
)
def test_deleting_an_event_or_item_needs_a_confirmation(
    demo_db: str, chooser: str, sure: str, button: str, model: type
) -> None:
    at = _app().run()
    at.switch_page("planner/ui/sources.py").run()
    at.selectbox(key=chooser).set_value(9).run()
    assert at.button(key=button).disabled
    at.checkbox(key=f"{sure}9").check().run()
    at.button(key=button).click().run()
    assert not at.exception
    with session_scope() as session:
        assert session.get(model, 9) is None


def test_compose_list_of_new_books(demo_db: str) -> None:
    at = _app().run()
    at.radio[0].set_value("collection").run()
    at.selectbox(key="template_collection").set_value("new-arrivals-list").run()
    at.text_input(key="compose_item_search").input("Tere Liye").run()
    assert len(at.multiselect[0].value) == 2  # Pulang and Hujan
    at.button[0].click().run()
    assert not at.exception
    facebook = _texts(at)["text_facebook"]
    assert "Pulang — Tere Liye" in facebook and "Hujan — Tere Liye" in facebook


def test_collection_import_takes_a_title_with_an_invalid_isbn_and_says_so(demo_db: str) -> None:
    at = _app().run()
    at.switch_page("planner/ui/sources.py").run()
    at.radio(key="import_kind").set_value("collection").run()
    sheet = b"judul;isbn\nBuku Rusak;978-0-00-000000-1\n"
    at.file_uploader(key="import_collection").upload("buku.csv", sheet, "text/csv").run()
    at.button(key="import_btn").click().run()
    assert not at.exception
    assert any("1 baris diimpor dengan catatan" in w.value for w in at.warning)
    reasons = [str(v) for df in at.dataframe for v in df.value.get("Alasan", [])]
    assert any(r.startswith("ISBN “978-0-00-000000-1” tidak valid") for r in reasons)
    with session_scope() as session:
        item = session.exec(
            select(CollectionItem).where(CollectionItem.title == "Buku Rusak")
        ).one()
        assert item.isbn is None
