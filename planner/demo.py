"""Demo content for Perpustakaan Kota Pekalongan, loaded once.

Sandbox accounts, upcoming events, collection items with drawn covers, and a few posts
from the past weeks that went through the real scheduling → worker → metrics path with a
moved clock, so the dashboard has history on first start. All figures are simulated.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from planner.config import Settings, get_settings
from planner.db import session_scope
from planner.imaging.brand import DEFAULT_BRAND
from planner.imaging.covers import placeholder_cover
from planner.media import store_image
from planner.models import Account, AppMeta, BrandKit, CollectionItem, Event, utcnow
from planner.people.actors import SYSTEM, actor_of
from planner.people.demo_accounts import ensure_demo_people
from planner.people.users import find_user
from planner.sources import slug
from planner.training.demo import load_training_demo

DEMO_KEY = "demo_loaded"
HISTORY_KEY = "demo_history_loaded"

ACCOUNTS = [
    ("x", "Sandbox X · @perpuskotapkl", "@perpuskotapkl"),
    ("facebook", "Sandbox Facebook · Perpustakaan Kota Pekalongan", "Perpustakaan Kota Pekalongan"),
    ("instagram", "Sandbox Instagram · @perpuskotapekalongan", "@perpuskotapekalongan"),
]

# (days ahead, local time, hours, title, category, place, speaker, audience, description)
EVENTS = [
    (
        3,
        "09:00",
        1.5,
        "Dongeng Anak: Si Kancil dan Buaya",
        "storytelling",
        "Ruang Baca Anak",
        "Kak Rina (Pendongeng Kota Pekalongan)",
        "Anak usia 4–10 tahun",
        "Dongeng interaktif dengan boneka tangan, dilanjutkan mewarnai bersama.",
    ),
    (
        6,
        "08:00",
        4,
        "Lomba Membaca Cepat Tingkat SD se-Kota Pekalongan",
        "competition",
        "Aula Lantai 2",
        "",  # the jury is not a speaker: no "Bersama …" on the poster
        "Siswa SD kelas 4–6",
        "Setiap sekolah mengirim dua peserta. Hadiah buku dan piagam untuk juara 1–3.",
    ),
    (
        8,
        "13:00",
        2,
        "Kelas Literasi Informasi: Cerdas Memilah Berita Hoaks",
        "literacy",
        "Ruang Multimedia",
        "Dra. Siti Maryam, M.Hum.",
        "Pelajar SMA dan umum",
        "Praktik mengenali hoaks, memeriksa sumber, dan menggunakan situs cek fakta.",
    ),
    (
        10,
        "15:30",
        2,
        'Bedah Buku bersama Penulis Lokal: "Kampung Batik di Tepi Kali"',
        "author",
        "Aula Lantai 2",
        "Nur Hidayah (penulis asal Pekalongan)",
        "Umum",
        "Diskusi novel tentang keluarga perajin batik di Kampung Kauman, "
        "dilanjutkan tanda tangan buku.",
    ),
    (
        13,
        "10:00",
        2,
        "Kelas Digital: Pinjam E-Book lewat iPusnas",
        "elearning",
        "Ruang Multimedia",
        "Tim Layanan Digital Perpustakaan",
        "Anggota perpustakaan dan umum",
        "Bawa ponsel: kita pasang aplikasi, daftar, dan meminjam e-book pertama bersama.",
    ),
    (
        15,
        "08:30",
        6,
        "Pelatihan Pustakawan: Membuat Konten Media Sosial yang Menarik",
        "training",
        "Ruang Rapat",
        "Tim Promosi Perpustakaan Kota Pekalongan",
        "Pustakawan dan pengelola TBM",
        "Menulis keterangan unggahan, memotret buku, dan menjadwalkan unggahan lewat akun latihan.",
    ),
    (
        17,
        "16:00",
        1,
        "English Story Time untuk Anak",
        "storytelling",
        "Ruang Baca Anak",
        "Relawan Pekalongan English Club",
        "Anak usia 6–12 tahun",
        "Cerita bergambar dalam bahasa Inggris sederhana, dengan permainan kosakata.",
    ),
    (
        20,
        "09:00",
        3,
        "Workshop Menulis Cerpen untuk Remaja",
        "workshop",
        "Ruang Diskusi",
        "Komunitas Penulis Pekalongan",
        "Remaja 13–18 tahun",
        "Dari ide ke cerpen pertama dalam tiga jam; karya terbaik dipajang di perpustakaan.",
    ),
    (
        24,
        "19:00",
        2,
        "Malam Puisi dan Pameran Literasi Batik",
        "exhibition",
        "Halaman depan gedung",
        "Sanggar Sastra Kota Batik",
        "Umum",
        "Pembacaan puisi dan pameran buku-buku tentang sejarah batik Pekalongan.",
    ),
]

# (title, author, publisher, year, call number, subjects, summary)
ITEMS = [
    (
        "Laut Bercerita",
        "Leila S. Chudori",
        "Kepustakaan Populer Gramedia",
        "2017",
        "899.221 3 CHU l",
        ["Fiksi Indonesia", "Sejarah 1998"],
        "Kisah Biru Laut dan kawan-kawan aktivis yang hilang pada 1998.",
    ),
    (
        "Bumi Manusia",
        "Pramoedya Ananta Toer",
        "Lentera Dipantara",
        "2005",
        "899.221 3 TOE b",
        ["Fiksi Indonesia", "Sejarah kolonial"],
        "Minke dan Annelies di tengah masyarakat Hindia Belanda.",
    ),
    (
        "Laskar Pelangi",
        "Andrea Hirata",
        "Bentang Pustaka",
        "2005",
        "899.221 3 HIR l",
        ["Fiksi Indonesia", "Pendidikan"],
        "Sepuluh anak Belitung dan sekolah Muhammadiyah yang nyaris ditutup.",
    ),
    (
        "Ronggeng Dukuh Paruk",
        "Ahmad Tohari",
        "Gramedia Pustaka Utama",
        "2003",
        "899.221 3 TOH r",
        ["Fiksi Indonesia", "Budaya Jawa"],
        "Srintil, ronggeng dari dukuh kecil di Banyumas.",
    ),
    (
        "Cantik Itu Luka",
        "Eka Kurniawan",
        "Gramedia Pustaka Utama",
        "2015",
        "899.221 3 KUR c",
        ["Fiksi Indonesia", "Realisme magis"],
        "Saga keluarga Dewi Ayu dari masa kolonial hingga Orde Baru.",
    ),
    (
        "Negeri 5 Menara",
        "Ahmad Fuadi",
        "Gramedia Pustaka Utama",
        "2009",
        "899.221 3 FUA n",
        ["Fiksi Indonesia", "Pesantren"],
        "Alif dan sahabat-sahabatnya di Pondok Madani.",
    ),
    (
        "Filosofi Teras",
        "Henry Manampiring",
        "Penerbit Buku Kompas",
        "2018",
        "188 MAN f",
        ["Filsafat", "Pengembangan diri"],
        "Filsafat Stoa untuk mental tangguh masa kini.",
    ),
    (
        "Gadis Kretek",
        "Ratih Kumala",
        "Gramedia Pustaka Utama",
        "2012",
        "899.221 3 KUM g",
        ["Fiksi Indonesia", "Sejarah industri"],
        "Pencarian Jeng Yah dan kisah industri kretek di Jawa.",
    ),
    (
        "Perahu Kertas",
        "Dee Lestari",
        "Bentang Pustaka",
        "2009",
        "899.221 3 LES p",
        ["Fiksi Indonesia", "Romansa"],
        "Kugy dan Keenan, dua pemimpi yang saling menemukan.",
    ),
    (
        "Pulang",
        "Tere Liye",
        "Republika",
        "2015",
        "899.221 3 LIY p",
        ["Fiksi Indonesia", "Petualangan"],
        "Bujang meninggalkan kampung dan menemukan arti pulang.",
    ),
    (
        "Sang Pemimpi",
        "Andrea Hirata",
        "Bentang Pustaka",
        "2006",
        "899.221 3 HIR s",
        ["Fiksi Indonesia", "Persahabatan"],
        "Ikal dan Arai mengejar mimpi hingga ke Sorbonne.",
    ),
    (
        "Batik Pekalongan dari Masa ke Masa",
        "Tim Museum Batik Pekalongan",
        "Pemerintah Kota Pekalongan",
        "2019",
        "746.662 TIM b",
        ["Batik", "Sejarah lokal", "Pekalongan"],
        "Motif, perajin, dan perjalanan batik pesisir Pekalongan.",
    ),
    (
        "Si Kancil dan Buaya: Cerita Rakyat Nusantara",
        "Tim Balai Pustaka",
        "Balai Pustaka",
        "2016",
        "398.2 TIM s",
        ["Cerita rakyat", "Bacaan anak"],
        "Kumpulan fabel Nusantara bergambar untuk anak.",
    ),
    (
        "Mengenal Hoaks dan Cara Melawannya",
        "Tim Literasi Digital",
        "Kominfo",
        "2021",
        "302.23 TIM m",
        ["Literasi informasi", "Media sosial"],
        "Panduan praktis memeriksa kabar sebelum dibagikan.",
    ),
    (
        "Hujan",
        "Tere Liye",
        "Gramedia Pustaka Utama",
        "2016",
        "899.221 3 LIY h",
        ["Fiksi Indonesia", "Fiksi ilmiah"],
        "Lail, Esok, dan dunia setelah bencana besar.",
    ),
    (
        "Kumpulan Resep Masakan Khas Pekalongan",
        "PKK Kota Pekalongan",
        "Dinas Pariwisata",
        "2020",
        "641.595 98 PKK k",
        ["Kuliner", "Pekalongan"],
        "Dari megono hingga soto tauto, lengkap dengan sejarahnya.",
    ),
]


def _already(session: Session, key: str) -> bool:
    return session.get(AppMeta, key) is not None


def load_demo(settings: Settings | None = None, today: date | None = None) -> bool:
    """Load the demo once; returns False (and changes nothing) when it is already there."""
    settings = settings or get_settings()
    tz = settings.tz
    today = today or utcnow().astimezone(tz).date()
    try:
        with session_scope() as session:
            if _already(session, DEMO_KEY):
                return False
            session.add(AppMeta(key=DEMO_KEY, value=utcnow().isoformat()))
            session.flush()  # a second process loading at the same moment stops here
            ensure_demo_people(session)
            _load_base(session, today, settings)
    except IntegrityError:
        return False
    _load_history(settings)
    load_training_demo()
    return True


def _load_base(session: Session, today: date, settings: Settings) -> None:
    tz = settings.tz
    from planner.slots import parse_slots, set_slots

    for platform, name, handle in ACCOUNTS:
        account = Account(platform=platform, name=name, handle=handle, is_sandbox=True)
        session.add(account)
        session.flush()
        # The library's usual rhythm, so "add to queue" works from the first start.
        set_slots(session, account.id, parse_slots("Mon-Sat 09:00,16:00"), actor=SYSTEM)
    session.add(BrandKit(name=DEFAULT_BRAND.name, data=DEFAULT_BRAND.as_dict(), is_active=True))
    for days, at, hours, title, category, place, speaker, audience, description in EVENTS:
        start = datetime.combine(today + timedelta(days=days), time.fromisoformat(at), tzinfo=tz)
        session.add(
            Event(
                key=f"demo-{slug(title)}",
                title=title,
                category=category,
                description=description,
                starts_at=start,
                ends_at=start + timedelta(hours=hours),
                place=f"{place}, Perpustakaan Kota Pekalongan",
                speaker=speaker,
                audience=audience,
                registration_url="https://perpustakaan.pekalongankota.go.id/acara",
            )
        )
    for title, author, publisher, year, call_number, subjects, summary in ITEMS:
        cover = store_image(
            session,
            placeholder_cover(title, author),
            kind="cover",
            original_name=f"{slug(title)}.jpg",
            alt_text=f"Sampul buku {title} karya {author}",
        )
        session.add(
            CollectionItem(
                key=f"demo-{slug(title)}",
                title=title,
                author=author,
                publisher=publisher,
                year=year,
                call_number=call_number,
                subjects=subjects,
                summary=summary,
                cover_asset_id=cover.id,
                opac_url=f"https://opac.pekalongankota.go.id/cari?q={slug(title)}",
            )
        )


def _load_history(settings: Settings) -> None:
    """A few posts 'published' in past weeks through the real worker, with a moved clock."""
    from planner.audience import collect_audience
    from planner.drafting import make_draft
    from planner.metrics import collect_once
    from planner.people.demo_accounts import STAFF_USERNAME
    from planner.publishing.worker import Worker
    from planner.scheduling import PostCreate, schedule_post

    with session_scope() as session:
        if _already(session, HISTORY_KEY):
            return
        session.add(AppMeta(key=HISTORY_KEY, value=utcnow().isoformat()))
        accounts = session.exec(select(Account).where(Account.is_sandbox)).all()
        items = session.exec(select(CollectionItem).order_by(CollectionItem.id)).all()[:4]
        # Written by the demo staff member, so the calendar's author filter lists a person.
        staff = find_user(session, STAFF_USERNAME)
        author = actor_of(staff) if staff is not None else SYSTEM
        now = utcnow()
        plan = []
        for index, item in enumerate(items):
            draft = make_draft(
                session, "new-arrival", actor=author, item_id=item.id, settings=settings
            )
            when = now - timedelta(days=21 - index * 5, hours=3)
            post = schedule_post(
                session,
                actor=author,
                data=PostCreate(
                    title=draft.title,
                    texts=draft.texts,
                    account_ids=[a.id for a in accounts],
                    due_at=when,
                    media_asset_id=draft.media_asset_id,
                    alt_text=draft.alt_text,
                    link=draft.link,
                    template_id=draft.template_id,
                    item_id=item.id,
                ),
                now=when - timedelta(days=1),
            )
            plan.append((post.id, when))
    for _post_id, when in plan:
        Worker("demo-history", settings=settings, clock=lambda w=when: w).run_once()
        for age in (timedelta(hours=1), timedelta(hours=24), timedelta(days=7)):
            if when + age < now:
                collect_once(settings=settings, now=when + age)
    collect_once(settings=settings, now=now)
    # A month of daily follower figures, so audience growth shows from the first start.
    for days_ago in range(30, -1, -1):
        collect_audience(settings=settings, now=now - timedelta(days=days_ago))
