"""Interface strings in Bahasa Indonesia (default) and English, and locale-aware dates.

Strings live in one table so a test can check that every key has both languages.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

LOCALES = ("id", "en")

_DAYS = {
    "id": ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"],
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
}
_MONTHS = {
    "id": [
        "Januari",
        "Februari",
        "Maret",
        "April",
        "Mei",
        "Juni",
        "Juli",
        "Agustus",
        "September",
        "Oktober",
        "November",
        "Desember",
    ],
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
}
# Indonesia's own abbreviations; other zones fall back to what the tz database says.
_ZONE_ABBR = {
    "Asia/Jakarta": "WIB",
    "Asia/Pontianak": "WIB",
    "Asia/Makassar": "WITA",
    "Asia/Jayapura": "WIT",
}


def zone_abbr(tz: ZoneInfo, moment: datetime) -> str:
    """'WIB' for Asia/Jakarta, else the zone's own abbreviation at that moment."""
    return _ZONE_ABBR.get(tz.key, moment.astimezone(tz).tzname() or tz.key)


def format_date(moment: datetime, tz: ZoneInfo, locale: str = "id") -> str:
    """'Sabtu, 6 Desember 2026' / 'Saturday, 6 December 2026' in the library's zone."""
    local = moment.astimezone(tz)
    lang = locale if locale in LOCALES else "id"
    return (
        f"{_DAYS[lang][local.weekday()]}, {local.day} {_MONTHS[lang][local.month - 1]} {local.year}"
    )


def format_time(moment: datetime, tz: ZoneInfo, locale: str = "id") -> str:
    """'09.00 WIB' (Indonesian uses a dot) / '09:00 WIB'."""
    local = moment.astimezone(tz)
    sep = "." if locale == "id" else ":"
    return f"{local.hour:02d}{sep}{local.minute:02d} {zone_abbr(tz, moment)}"


def format_datetime(moment: datetime, tz: ZoneInfo, locale: str = "id") -> str:
    """'Sabtu, 6 Desember 2026, 09.00 WIB'."""
    return f"{format_date(moment, tz, locale)}, {format_time(moment, tz, locale)}"


def format_number(value: float | int, locale: str = "id") -> str:
    """'1.250' in Indonesian, '1,250' in English."""
    text = f"{round(value):,}"
    return text.replace(",", ".") if locale == "id" else text


STRINGS: dict[str, dict[str, str]] = {
    "app.title": {"id": "Perencana Konten Perpustakaan", "en": "Library Content Planner"},
    "app.language": {"id": "Bahasa", "en": "Language"},
    "app.db_error": {
        "id": "Basis data tidak dapat dibuka: {reason}",
        "en": "The database cannot be opened: {reason}",
    },
    "nav.compose": {"id": "Tulis", "en": "Compose"},
    "nav.calendar": {"id": "Kalender & Antrean", "en": "Calendar & Queue"},
    "nav.media": {"id": "Media", "en": "Media"},
    "nav.dashboard": {"id": "Dasbor", "en": "Dashboard"},
    "nav.settings": {"id": "Pengaturan", "en": "Settings"},
    "nav.section.content": {"id": "Konten", "en": "Content"},
    "nav.section.publishing": {"id": "Penerbitan", "en": "Publishing"},
    "nav.section.results": {"id": "Hasil", "en": "Results"},
    "nav.section.setup": {"id": "Penyiapan", "en": "Setup"},
    "common.sandbox": {"id": "Sandbox", "en": "Sandbox"},
    "common.simulated": {
        "id": "Angka simulasi (akun Sandbox, bukan data nyata)",
        "en": "Simulated figures (Sandbox accounts, not real data)",
    },
    "common.none": {"id": "Belum ada data.", "en": "Nothing here yet."},
    "compose.header": {"id": "Tulis unggahan", "en": "Compose a post"},
    "compose.source": {"id": "Sumber", "en": "Source"},
    "compose.source_event": {"id": "Acara", "en": "Event"},
    "compose.source_item": {"id": "Koleksi", "en": "Collection item"},
    "compose.event": {"id": "Acara", "en": "Event"},
    "compose.item": {"id": "Koleksi", "en": "Collection item"},
    "compose.template": {"id": "Templat", "en": "Template"},
    "compose.make_draft": {"id": "Buat draf", "en": "Make draft"},
    "compose.text_for": {"id": "Teks untuk {platform}", "en": "Text for {platform}"},
    "compose.alt_text": {"id": "Teks alternatif gambar", "en": "Image alt text"},
    "compose.accounts": {"id": "Akun tujuan", "en": "Target accounts"},
    "compose.date": {"id": "Tanggal terbit", "en": "Publish date"},
    "compose.time": {"id": "Jam terbit ({zone})", "en": "Publish time ({zone})"},
    "compose.schedule": {"id": "Jadwalkan", "en": "Schedule"},
    "compose.scheduled": {
        "id": "Unggahan #{post_id} dijadwalkan untuk {when}.",
        "en": "Post #{post_id} scheduled for {when}.",
    },
    "compose.no_accounts": {"id": "Pilih minimal satu akun.", "en": "Choose at least one account."},
    "compose.pick_first": {
        "id": "Pilih sumber dan templat, lalu tekan Buat draf.",
        "en": "Choose a source and a template, then press Make draft.",
    },
    "compose.add_to_queue": {"id": "Tambahkan ke antrean", "en": "Add to queue"},
    "compose.queue_help": {
        "id": "Tiap akun memakai slot terbit berikutnya yang masih kosong (atur di halaman Slot).",
        "en": "Each account takes its next free posting slot (set them on the Slots page).",
    },
    "compose.x_thread": {
        "id": "Kirim sebagai utas (thread) bila lebih dari 280 karakter",
        "en": "Post as a thread when longer than 280 characters",
    },
    "compose.past_time": {
        "id": "Waktu itu sudah lewat. Terbitkan sekarang?",
        "en": "That time has already passed. Publish now?",
    },
    "compose.publish_now": {"id": "Terbitkan sekarang", "en": "Publish now"},
    "compose.image": {"id": "Gambar", "en": "Image"},
    "compose.problems": {"id": "Perlu diperbaiki", "en": "Needs fixing"},
    # --- issue 3: templates, sources and drafting ---
    "nav.templates": {"id": "Templat", "en": "Templates"},
    "nav.sources": {"id": "Acara & Koleksi", "en": "Events & Collection"},
    "compose.source_service": {"id": "Layanan & info", "en": "Services & notices"},
    "compose.no_templates": {
        "id": "Belum ada templat untuk jenis ini.",
        "en": "There is no template of this kind yet.",
    },
    "compose.no_events": {
        "id": "Belum ada acara. Tambahkan di halaman Acara & Koleksi.",
        "en": "No events yet. Add one on the Events & Collection page.",
    },
    "compose.no_items": {
        "id": "Belum ada koleksi. Tambahkan atau impor di halaman Acara & Koleksi.",
        "en": "No collection items yet. Add or import them on the Events & Collection page.",
    },
    "compose.items": {"id": "Buku (pilih beberapa)", "en": "Books (choose several)"},
    "compose.optional": {"id": "boleh kosong", "en": "optional"},
    "compose.one_per_line": {"id": "Satu per baris.", "en": "One per line."},
    "compose.time_of": {"id": "Jam ({field})", "en": "Time ({field})"},
    "compose.fields": {"id": "Isian templat", "en": "Template fields"},
    "compose.hashtags": {"id": "Tagar", "en": "Hashtags"},
    "compose.link": {"id": "Tautan", "en": "Link"},
    "compose.link_help": {
        "id": "Kosongkan untuk memakai tautan pendaftaran atau katalog (OPAC) dari sumbernya.",
        "en": "Leave empty to use the source's registration or catalogue (OPAC) link.",
    },
    "compose.preview": {"id": "Pratinjau di linimasa", "en": "Preview in the feed"},
    "compose.live_count": {"id": "saat mengetik:", "en": "while typing:"},
    "compose.campaign": {"id": "Kampanye acara", "en": "Event campaign"},
    "compose.campaign_steps": {
        "id": "Satu unggahan per tahap: {steps}.",
        "en": "One post per step: {steps}.",
    },
    "compose.campaign_exists": {
        "id": "Acara ini sudah punya {count} kampanye.",
        "en": "This event already has {count} campaign(s).",
    },
    "compose.plan_campaign": {"id": "Rencanakan kampanye", "en": "Plan campaign"},
    "compose.step_past": {
        "id": "waktunya sudah lewat, dilewati",
        "en": "its time has passed, skipped",
    },
    "compose.schedule_campaign": {"id": "Jadwalkan kampanye", "en": "Schedule campaign"},
    "compose.campaign_scheduled": {
        "id": "Kampanye #{campaign_id} dijadwalkan: {count} unggahan.",
        "en": "Campaign #{campaign_id} scheduled: {count} posts.",
    },
    "templates.header": {"id": "Templat konten", "en": "Content templates"},
    "templates.choose": {"id": "Templat", "en": "Template"},
    "templates.new": {"id": "Templat baru", "en": "New template"},
    "templates.new_id": {"id": "Kode templat", "en": "Template id"},
    "templates.id_help": {
        "id": "Huruf kecil, angka dan tanda hubung, mis. pengingat-pagi.",
        "en": "Lower case letters, digits and hyphens, e.g. morning-reminder.",
    },
    "templates.create": {"id": "Buat templat", "en": "Create template"},
    "templates.kind": {"id": "Jenis", "en": "Kind"},
    "templates.kind_event": {"id": "Acara", "en": "Event"},
    "templates.kind_collection": {"id": "Koleksi", "en": "Collection"},
    "templates.kind_service": {"id": "Layanan & info", "en": "Service & notice"},
    "templates.kind_training": {"id": "Pelatihan", "en": "Training"},
    "templates.name": {"id": "Nama ({lang})", "en": "Name ({lang})"},
    "templates.description": {"id": "Keterangan ({lang})", "en": "Description ({lang})"},
    "templates.layout": {"id": "Tata letak gambar", "en": "Image layout"},
    "templates.size": {"id": "Ukuran gambar", "en": "Image size"},
    "templates.fields": {"id": "Isian", "en": "Fields"},
    "templates.image_texts": {
        "id": "Teks gambar dan teks alternatif (opsional)",
        "en": "Image texts and alt text (optional)",
    },
    "templates.image_title": {
        "id": "Judul di gambar (Jinja2)",
        "en": "Title on the image (Jinja2)",
    },
    "templates.image_subtitle": {
        "id": "Subjudul di gambar (Jinja2)",
        "en": "Subtitle on the image (Jinja2)",
    },
    "templates.image_alt": {
        "id": "Teks alternatif ({lang}, Jinja2)",
        "en": "Alt text ({lang}, Jinja2)",
    },
    "templates.campaign": {
        "id": "Tahap kampanye (hari dari acara, jam)",
        "en": "Campaign steps (days from the event, time)",
    },
    "templates.texts": {
        "id": "Teks per bahasa dan platform",
        "en": "Texts per language and platform",
    },
    "templates.texts_help": {
        "id": "Jinja2: {{ title }}, {{ starts_at | datetime }}, {{ hashtags }}; "
        "filter: date, time, datetime, weekday, number.",
        "en": "Jinja2: {{ title }}, {{ starts_at | datetime }}, {{ hashtags }}; "
        "filters: date, time, datetime, weekday, number.",
    },
    "templates.preview": {"id": "Pratinjau langsung", "en": "Live preview"},
    "templates.problem": {
        "id": "Templat belum bisa dipakai: {reason}",
        "en": "Not usable yet: {reason}",
    },
    "templates.problems": {
        "id": "{count} templat ditolak",
        "en": "{count} template(s) refused",
    },
    "templates.read_only": {
        "id": "Templat berkas ({source}) hanya bisa dibaca. Duplikat untuk mengubahnya.",
        "en": "File template ({source}) is read-only. Duplicate it to change it.",
    },
    "templates.refused": {
        "id": "Tidak disimpan: {reason}",
        "en": "Not saved: {reason}",
    },
    "templates.saved": {
        "id": "Templat {id} disimpan (versi {version}).",
        "en": "Template {id} saved (version {version}).",
    },
    "templates.save": {"id": "Simpan versi baru", "en": "Save new version"},
    "templates.history": {"id": "Riwayat versi ({count})", "en": "Version history ({count})"},
    "templates.version": {"id": "Versi", "en": "Version"},
    "templates.saved_at": {"id": "Disimpan", "en": "Saved"},
    "templates.author": {"id": "Oleh", "en": "By"},
    "templates.restore": {"id": "Pulihkan versi ini", "en": "Restore this version"},
    "templates.restored": {
        "id": "Versi {version} dipulihkan sebagai versi terbaru.",
        "en": "Version {version} restored as the newest version.",
    },
    "templates.duplicate_id": {"id": "Kode salinan", "en": "Id of the copy"},
    "templates.duplicate": {"id": "Duplikat", "en": "Duplicate"},
    "templates.export": {"id": "Ekspor YAML", "en": "Export YAML"},
    "templates.delete": {"id": "Hapus templat", "en": "Delete template"},
    "templates.delete_confirm": {
        "id": "Ya, hapus {id} beserta riwayatnya",
        "en": "Yes, delete {id} and its history",
    },
    "sources.header": {"id": "Acara & Koleksi", "en": "Events & Collection"},
    "sources.events": {"id": "Acara", "en": "Events"},
    "sources.collection": {"id": "Koleksi", "en": "Collection"},
    "sources.import": {"id": "Impor", "en": "Import"},
    "sources.new_event": {"id": "Acara baru", "en": "New event"},
    "sources.edit_event": {"id": "Ubah acara", "en": "Edit event"},
    "sources.new_item": {"id": "Koleksi baru", "en": "New item"},
    "sources.edit_item": {"id": "Ubah koleksi", "en": "Edit item"},
    "sources.title": {"id": "Judul", "en": "Title"},
    "sources.subtitle": {"id": "Anak judul", "en": "Subtitle"},
    "sources.starts": {"id": "Mulai", "en": "Starts"},
    "sources.ends": {"id": "Selesai", "en": "Ends"},
    "sources.place": {"id": "Tempat", "en": "Place"},
    "sources.speaker": {"id": "Narasumber", "en": "Speaker"},
    "sources.audience": {"id": "Sasaran peserta", "en": "Audience"},
    "sources.category": {"id": "Kategori", "en": "Category"},
    "sources.description": {"id": "Deskripsi", "en": "Description"},
    "sources.registration_url": {"id": "Tautan pendaftaran", "en": "Registration link"},
    "sources.author": {"id": "Pengarang", "en": "Author"},
    "sources.publisher": {"id": "Penerbit", "en": "Publisher"},
    "sources.year": {"id": "Tahun", "en": "Year"},
    "sources.call_number": {"id": "Nomor panggil", "en": "Call number"},
    "sources.subjects": {"id": "Subjek (pisahkan dengan ;)", "en": "Subjects (separate with ;)"},
    "sources.summary": {"id": "Ringkasan", "en": "Summary"},
    "sources.opac_url": {"id": "Tautan katalog (OPAC)", "en": "Catalogue link (OPAC)"},
    "sources.search": {
        "id": "Cari judul, pengarang atau ISBN",
        "en": "Search title, author or ISBN",
    },
    "sources.save": {"id": "Simpan", "en": "Save"},
    "sources.delete": {"id": "Hapus", "en": "Delete"},
    "sources.created": {"id": "“{title}” ditambahkan.", "en": "“{title}” added."},
    "sources.updated": {"id": "“{title}” diperbarui.", "en": "“{title}” updated."},
    "sources.unchanged": {"id": "“{title}” tidak berubah.", "en": "“{title}” is unchanged."},
    "sources.no_cover": {"id": "Belum ada sampul.", "en": "No cover yet."},
    "sources.no_photo": {"id": "Belum ada foto acara.", "en": "No event photo yet."},
    "sources.photo_upload": {
        "id": "Unggah foto acara (dipakai poster dan rekap)",
        "en": "Upload an event photo (used by posters and recaps)",
    },
    "sources.photo_save": {"id": "Simpan foto", "en": "Save photo"},
    "sources.photo_saved": {"id": "Foto acara disimpan.", "en": "Event photo saved."},
    "sources.cover_upload": {"id": "Unggah foto sampul", "en": "Upload a cover photo"},
    "sources.cover_save": {"id": "Simpan sampul", "en": "Save cover"},
    "sources.cover_saved": {"id": "Sampul disimpan.", "en": "Cover saved."},
    "sources.cover_generate": {
        "id": "Buat sampul dari judul dan pengarang",
        "en": "Draw a cover from title and author",
    },
    "sources.import_kind": {"id": "Yang diimpor", "en": "What to import"},
    "sources.import_events": {"id": "Acara (CSV)", "en": "Events (CSV)"},
    "sources.import_collection": {
        "id": "Koleksi (CSV, MARC .mrc, MARCXML)",
        "en": "Collection (CSV, MARC .mrc, MARCXML)",
    },
    "sources.import_help_events": {
        "id": "Kolom: judul, tanggal (06/12/2026), jam (09.00 atau 09.00–11.00), tempat, "
        "narasumber, sasaran, deskripsi, pendaftaran. Pemisah ; atau , dan UTF-8 atau "
        "Windows-1252 dikenali otomatis. Impor ulang berkas yang sama tidak membuat duplikat.",
        "en": "Columns: title, date (06/12/2026), time (09.00 or 09.00–11.00), place, speaker, "
        "audience, description, registration. ; or , separators and UTF-8 or Windows-1252 are "
        "detected. Importing the same file again creates no duplicates.",
    },
    "sources.import_help_collection": {
        "id": "CSV (judul, pengarang, penerbit, tahun, ISBN, nomor panggil, subjek, ringkasan) "
        "atau MARC 21 dari SLiMS/INLISLite. Dicocokkan lewat ISBN, jadi impor ulang aman.",
        "en": "CSV (title, author, publisher, year, ISBN, call number, subjects, summary) or "
        "MARC 21 from SLiMS/INLISLite. Matched on ISBN, so importing again is safe.",
    },
    "sources.import_file": {"id": "Berkas", "en": "File"},
    "sources.import_run": {"id": "Impor", "en": "Import"},
    "sources.status_created": {"id": "Baru", "en": "Created"},
    "sources.status_updated": {"id": "Diperbarui", "en": "Updated"},
    "sources.status_unchanged": {"id": "Sama", "en": "Unchanged"},
    "sources.status_skipped": {"id": "Dilewati", "en": "Skipped"},
    "sources.status_refused": {"id": "Ditolak", "en": "Refused"},
    "sources.row": {"id": "Baris", "en": "Row"},
    "sources.reason": {"id": "Alasan", "en": "Reason"},
    "sources.ignored": {"id": "Kolom diabaikan: {columns}", "en": "Ignored columns: {columns}"},
    # --- end of issue 3 ---
    "calendar.header": {"id": "Kalender & Antrean", "en": "Calendar & Queue"},
    "calendar.queue": {"id": "Antrean berikutnya", "en": "Next in the queue"},
    "calendar.recent": {"id": "Baru terbit", "en": "Recently published"},
    "calendar.refresh": {"id": "Muat ulang", "en": "Refresh"},
    "calendar.cancel": {"id": "Batalkan unggahan", "en": "Cancel post"},
    "calendar.cancelled": {
        "id": "Unggahan #{post_id} dibatalkan.",
        "en": "Post #{post_id} cancelled.",
    },
    "calendar.worker": {
        "id": "Pekerja penerbit: {state}",
        "en": "Publishing worker: {state}",
    },
    "calendar.worker_on": {"id": "berjalan", "en": "running"},
    "calendar.worker_off": {
        "id": "tidak berjalan di proses ini",
        "en": "not running in this process",
    },
    # -- issue 5: calendar, queue, inbox, planning tools, notifications ---------------------
    "nav.inbox": {"id": "Kotak masuk", "en": "Inbox"},
    "nav.planning": {"id": "Slot, seri & impor", "en": "Slots, series & import"},
    "calendar.view": {"id": "Tampilan", "en": "View"},
    "calendar.view_month": {"id": "Bulan", "en": "Month"},
    "calendar.view_week": {"id": "Minggu", "en": "Week"},
    "calendar.view_queue": {"id": "Antrean", "en": "Queue"},
    "calendar.day": {"id": "Tanggal", "en": "Date"},
    "calendar.prev": {"id": "◀ Sebelumnya", "en": "◀ Previous"},
    "calendar.next": {"id": "Berikutnya ▶", "en": "Next ▶"},
    "calendar.today": {"id": "Hari ini", "en": "Today"},
    "calendar.filter_platform": {"id": "Platform", "en": "Platform"},
    "calendar.filter_status": {"id": "Status", "en": "Status"},
    "calendar.filter_campaign": {"id": "Kampanye", "en": "Campaign"},
    "calendar.filter_author": {"id": "Penulis", "en": "Author"},
    "calendar.legend": {"id": "Warna menurut status", "en": "Colours by status"},
    "calendar.weekdays": {
        "id": "Sen,Sel,Rab,Kam,Jum,Sab,Min",
        "en": "Mon,Tue,Wed,Thu,Fri,Sat,Sun",
    },
    "calendar.more": {"id": "+{n} lagi", "en": "+{n} more"},
    "calendar.post": {"id": "Unggahan #{post_id}: {title}", "en": "Post #{post_id}: {title}"},
    "calendar.close": {"id": "Tutup", "en": "Close"},
    "calendar.targets": {"id": "Tujuan", "en": "Targets"},
    "calendar.attempts": {"id": "Riwayat percobaan", "en": "Attempts log"},
    "calendar.no_attempts": {"id": "Belum ada percobaan kirim.", "en": "No attempts yet."},
    "calendar.reschedule": {"id": "Jadwalkan ulang", "en": "Reschedule"},
    "calendar.rescheduled": {
        "id": "Unggahan #{post_id} dijadwalkan ulang ke {when}.",
        "en": "Post #{post_id} rescheduled to {when}.",
    },
    "calendar.next_slot": {"id": "Ke slot kosong berikutnya", "en": "To the next free slot"},
    "calendar.too_late": {
        "id": "Sudah terkirim atau sedang dikirim, tidak diubah: {targets}",
        "en": "Already sent or being sent, not changed: {targets}",
    },
    "calendar.edit": {"id": "Ubah teks", "en": "Edit texts"},
    "calendar.save": {"id": "Simpan perubahan", "en": "Save changes"},
    "calendar.saved": {
        "id": "Perubahan disimpan; yang terkirim adalah versi terbaru.",
        "en": "Saved; the latest version is what goes out.",
    },
    "calendar.resend": {"id": "Kirim lagi", "en": "Send again"},
    "calendar.drop": {"id": "Jangan kirim", "en": "Drop"},
    "calendar.mark_published": {"id": "Sudah terbit", "en": "It was published"},
    "calendar.done": {"id": "Selesai.", "en": "Done."},
    "calendar.delete": {"id": "Hapus unggahan", "en": "Delete post"},
    "calendar.col_when": {"id": "Waktu", "en": "When"},
    "calendar.col_account": {"id": "Akun", "en": "Account"},
    "calendar.col_status": {"id": "Status", "en": "Status"},
    "calendar.col_error": {"id": "Keterangan", "en": "Details"},
    "calendar.col_worker": {"id": "Pekerja", "en": "Worker"},
    "calendar.col_outcome": {"id": "Hasil", "en": "Outcome"},
    "inbox.header": {"id": "Kotak masuk", "en": "Inbox"},
    "inbox.unread_only": {"id": "Hanya yang belum dibaca", "en": "Unread only"},
    "inbox.mark_all": {"id": "Tandai semua sudah dibaca", "en": "Mark all as read"},
    "inbox.mark_read": {"id": "Sudah dibaca", "en": "Mark as read"},
    "inbox.empty": {"id": "Tidak ada pesan.", "en": "No messages."},
    "inbox.unread": {"id": "{n} belum dibaca", "en": "{n} unread"},
    "inbox.open_post": {"id": "Buka unggahan #{post_id}", "en": "Open post #{post_id}"},
    "planning.header": {"id": "Slot, seri & impor", "en": "Slots, series & import"},
    "planning.slots": {"id": "Slot unggah per akun", "en": "Posting slots per account"},
    "planning.slots_help": {
        "id": "Contoh: Sen-Sab 09:00,16:00; Min 10:00 (jam {zone})",
        "en": "Example: Mon-Sat 09:00,16:00; Sun 10:00 ({zone} time)",
    },
    "planning.account": {"id": "Akun", "en": "Account"},
    "planning.save_slots": {"id": "Simpan slot", "en": "Save slots"},
    "planning.next_free": {"id": "Slot kosong berikutnya: {when}", "en": "Next free slot: {when}"},
    "planning.series": {"id": "Unggahan berulang", "en": "Recurring posts"},
    "planning.series_name": {"id": "Nama seri", "en": "Series name"},
    "planning.series_text": {"id": "Teks (semua platform)", "en": "Text (all platforms)"},
    "planning.series_first": {"id": "Kemunculan pertama", "en": "First occurrence"},
    "planning.series_days": {"id": "Hari", "en": "Days"},
    "planning.series_create": {"id": "Buat seri", "en": "Create series"},
    "planning.series_created": {
        "id": "Seri #{series_id} dibuat; {n} unggahan dijadwalkan.",
        "en": "Series #{series_id} created; {n} post(s) scheduled.",
    },
    "planning.series_stop": {"id": "Hentikan seri", "en": "Stop series"},
    "planning.series_next": {"id": "Berikutnya: {when}", "en": "Next: {when}"},
    "planning.import": {"id": "Jadwalkan massal dari CSV", "en": "Bulk scheduling from CSV"},
    "planning.import_help": {
        "id": "Satu baris per unggahan: date, time (atau 'next slot'), accounts, text atau "
        "template + event/item, image atau layout. Lihat docs/scheduling.md.",
        "en": "One row per post: date, time (or 'next slot'), accounts, text or template + "
        "event/item, image or layout. See docs/scheduling.md.",
    },
    "planning.csv": {"id": "Berkas CSV", "en": "CSV file"},
    "planning.images": {"id": "Gambar yang disebut di CSV", "en": "Images named in the CSV"},
    "planning.dry_run": {
        "id": "Periksa saja, jangan jadwalkan",
        "en": "Check only, schedule nothing",
    },
    "planning.run_import": {"id": "Impor", "en": "Import"},
    "planning.import_result": {
        "id": "{scheduled} dijadwalkan, {exists} sudah pernah diimpor, {refused} ditolak.",
        "en": "{scheduled} scheduled, {exists} already imported, {refused} refused.",
    },
    "notify.subject.info": {"id": "Info", "en": "Info"},
    "notify.subject.warning": {"id": "Perlu dicek", "en": "Needs attention"},
    "notify.subject.error": {"id": "Gagal terbit", "en": "Publishing failed"},
    "notify.failed": {
        "id": "Unggahan #{post_id} ke {platform} ({account}) gagal: {reason}.",
        "en": "Post #{post_id} to {platform} ({account}) failed: {reason}.",
    },
    "notify.unknown": {
        "id": "Unggahan #{post_id} ke {platform} ({account}): belum pasti terkirim ({reason}). "
        "Planner mengecek ke platform; bila tidak ditemukan, pilih Kirim lagi atau Jangan kirim.",
        "en": "Post #{post_id} to {platform} ({account}): unclear whether it went out "
        "({reason}). Planner is checking with the platform; if it is not found, choose Send "
        "again or Drop.",
    },
    "notify.missed": {
        "id": "Unggahan #{post_id} ke {platform} ({account}) dijadwalkan {due_at} tetapi tidak "
        "terkirim dalam {minutes} menit (pekerja mati atau komputer tidur). Kirim sekarang "
        "atau jangan kirim.",
        "en": "Post #{post_id} to {platform} ({account}) was due {due_at} but was not sent "
        "within {minutes} minutes (worker down or machine asleep). Send it now or drop it.",
    },
    "notify.reconnect": {
        "id": "Akun {account} ({platform}) perlu dihubungkan ulang: {reason}. Antrean akun ini "
        "ditahan sampai itu.",
        "en": "Account {account} ({platform}) needs reconnecting: {reason}. Its queue waits "
        "until then.",
    },
    "notify.reconciled": {
        "id": "Unggahan #{post_id} ({platform}) ditemukan di platform dan ditandai terbit.",
        "en": "Post #{post_id} ({platform}) was found on the platform and marked published.",
    },
    "notify.unconfirmed": {
        "id": "Unggahan #{post_id} ({platform}, {account}) tidak ditemukan setelah {checks} kali "
        "dicek. Periksa platform, lalu pilih Kirim lagi atau Jangan kirim.",
        "en": "Post #{post_id} ({platform}, {account}) was not found after {checks} checks. "
        "Look on the platform, then choose Send again or Drop.",
    },
    "notify.quota": {
        "id": "Batas harian {account} tercapai ({cap} unggahan per 24 jam): unggahan #{post_id} "
        "menunggu sampai {next_at}.",
        "en": "Daily limit for {account} reached ({cap} posts per 24 hours): post #{post_id} "
        "waits until {next_at}.",
    },
    "notify.sent_anyway": {
        "id": "Unggahan #{post_id} ({platform}) ternyata terkirim ({remote_id}) padahal sudah "
        "diubah statusnya. Periksa platform.",
        "en": "Post #{post_id} ({platform}) went out ({remote_id}) although its status had been "
        "changed meanwhile. Check the platform.",
    },
    "reason.transient": {
        "id": "platform sedang bermasalah, tidak ada yang terkirim",
        "en": "the platform had a temporary problem, nothing was sent",
    },
    "reason.rate_limited": {
        "id": "terlalu banyak permintaan ke platform",
        "en": "too many requests to the platform",
    },
    "reason.auth_expired": {
        "id": "izin akses akun tidak berlaku lagi",
        "en": "the account's access is no longer valid",
    },
    "reason.rejected": {
        "id": "platform menolak isi unggahan",
        "en": "the platform refused the content",
    },
    "reason.unknown": {
        "id": "jawaban platform tidak diterima",
        "en": "no answer was received from the platform",
    },
    "reason.setup": {
        "id": "akun ini belum bisa dipakai untuk menerbitkan",
        "en": "this account cannot publish yet",
    },
    "reason.error": {"id": "kesalahan", "en": "error"},
    "media.header": {"id": "Pustaka media", "en": "Media library"},
    "media.upload": {"id": "Unggah gambar", "en": "Upload an image"},
    "media.too_big": {
        "id": "Berkas terlalu besar: maksimal {mb} MB.",
        "en": "File too large: at most {mb} MB.",
    },
    "media.stored": {"id": "Gambar disimpan sebagai #{id}.", "en": "Image stored as #{id}."},
    # Issue 4: branded image studio (layouts, brand kit, media library)
    "imaging.with": {"id": "Bersama {speaker}", "en": "With {speaker}"},
    "imaging.call_number": {"id": "No. panggil {number}", "en": "Call no. {number}"},
    "imaging.kicker.event": {"id": "Acara", "en": "Event"},
    "imaging.kicker.new_arrival": {"id": "Koleksi baru", "en": "New arrival"},
    "imaging.kicker.book_list": {"id": "Rekomendasi", "en": "Recommended"},
    "imaging.kicker.quote_card": {"id": "Kata pustakawan", "en": "Librarian's pick"},
    "imaging.kicker.children": {"id": "Program anak", "en": "For children"},
    "imaging.kicker.notice": {"id": "Pengumuman", "en": "Notice"},
    "imaging.kicker.statistic": {"id": "Angka bulan ini", "en": "This month"},
    "imaging.layout.event_poster": {"id": "Poster acara", "en": "Event poster"},
    "imaging.layout.new_arrival": {"id": "Koleksi baru", "en": "New arrival"},
    "imaging.layout.book_list": {"id": "Daftar buku", "en": "Book list"},
    "imaging.layout.quote_card": {"id": "Kartu kutipan", "en": "Quote card"},
    "imaging.layout.children": {"id": "Program anak", "en": "Children's programme"},
    "imaging.layout.notice": {"id": "Pengumuman", "en": "Notice"},
    "imaging.layout.statistic": {"id": "Kartu statistik", "en": "Statistic card"},
    "imaging.months": {
        "id": "Jan Feb Mar Apr Mei Jun Jul Agu Sep Okt Nov Des",
        "en": "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec",
    },
    "imaging.category.storytelling": {"id": "Dongeng", "en": "Storytelling"},
    "imaging.category.competition": {"id": "Lomba", "en": "Competition"},
    "imaging.category.literacy": {"id": "Literasi", "en": "Literacy"},
    "imaging.category.author": {"id": "Temu penulis", "en": "Meet the author"},
    "imaging.category.elearning": {"id": "Kelas digital", "en": "Digital class"},
    "imaging.category.training": {"id": "Pelatihan", "en": "Training"},
    "imaging.category.workshop": {"id": "Lokakarya", "en": "Workshop"},
    "imaging.category.exhibition": {"id": "Pameran", "en": "Exhibition"},
    "nav.studio": {"id": "Studio gambar", "en": "Image studio"},
    "nav.brand": {"id": "Identitas merek", "en": "Brand kit"},
    "brand.header": {"id": "Identitas merek", "en": "Brand kit"},
    "brand.intro": {
        "id": (
            "Nama, warna, huruf, logo, dan kaki gambar yang dipakai semua gambar unggahan. "
            "Pratinjau di bawah berubah sebelum disimpan."
        ),
        "en": (
            "Name, colours, fonts, logo and footer used by every post image. The preview below "
            "changes before you save."
        ),
    },
    "brand.name": {"id": "Nama perpustakaan", "en": "Library name"},
    "brand.colour_primary": {"id": "Warna utama", "en": "Primary colour"},
    "brand.colour_secondary": {"id": "Warna kedua", "en": "Secondary colour"},
    "brand.colour_accent": {"id": "Warna aksen", "en": "Accent colour"},
    "brand.colour_light": {"id": "Teks terang", "en": "Light text"},
    "brand.colour_dark": {"id": "Teks gelap", "en": "Dark text"},
    "brand.heading_font": {"id": "Huruf judul", "en": "Heading font"},
    "brand.body_font": {"id": "Huruf isi", "en": "Body font"},
    "brand.address": {"id": "Alamat", "en": "Address"},
    "brand.website": {"id": "Situs web", "en": "Website"},
    "brand.socials": {
        "id": "Akun media sosial (pisahkan dengan spasi)",
        "en": "Social handles (separated by spaces)",
    },
    "brand.footer": {"id": "Teks kaki khusus (opsional)", "en": "Custom footer text (optional)"},
    "brand.footer_help": {
        "id": "Jika diisi, menggantikan baris alamat · situs · akun.",
        "en": "When set, replaces the address · website · handles line.",
    },
    "brand.watermark": {
        "id": "Tanda air logo di sudut foto",
        "en": "Logo watermark in the corner of photos",
    },
    "brand.logo": {
        "id": "Logo baru (PNG, latar transparan)",
        "en": "New logo (PNG with a transparent background)",
    },
    "brand.remove_logo": {"id": "Tanpa logo", "en": "No logo"},
    "brand.save": {"id": "Simpan identitas merek", "en": "Save brand kit"},
    "brand.saved": {
        "id": "Identitas merek disimpan; gambar baru memakainya.",
        "en": "Brand kit saved; new images use it.",
    },
    "brand.reset": {
        "id": "Kembali ke contoh Perpustakaan Kota Pekalongan",
        "en": "Back to the Perpustakaan Kota Pekalongan example",
    },
    "brand.preview": {"id": "Pratinjau semua tata letak", "en": "Preview of every layout"},
    "brand.pair": {
        "id": "{text} di atas {background}: kontras {ratio}:1",
        "en": "{text} on {background}: contrast {ratio}:1",
    },
    "brand.pair_low": {
        "id": "di bawah 4,5:1, jadi gambar memakai hitam atau putih agar tetap terbaca",
        "en": "below 4.5:1, so images use black or white to stay readable",
    },
    "brand.warning_logo_opaque": {
        "id": "Logo ini tidak punya latar transparan; akan tampil sebagai kotak.",
        "en": "This logo has no transparent background; it will show as a box.",
    },
    "studio.header": {"id": "Studio gambar", "en": "Image studio"},
    "studio.single": {"id": "Satu gambar", "en": "One image"},
    "studio.batch": {"id": "Banyak sekaligus", "en": "Many at once"},
    "studio.layout": {"id": "Tata letak", "en": "Layout"},
    "studio.size": {"id": "Ukuran", "en": "Size"},
    "studio.title": {"id": "Judul", "en": "Title"},
    "studio.kicker": {"id": "Label kecil di atas judul", "en": "Small label above the title"},
    "studio.subtitle": {"id": "Subjudul", "en": "Subtitle"},
    "studio.date": {"id": "Tanggal", "en": "Date"},
    "studio.time": {"id": "Jam", "en": "Time"},
    "studio.place": {"id": "Tempat", "en": "Place"},
    "studio.speaker": {"id": "Pembicara / pengisi", "en": "Speaker / host"},
    "studio.audience": {"id": "Peserta", "en": "Audience"},
    "studio.day": {"id": "Tanggal pada lencana", "en": "Badge day"},
    "studio.month": {"id": "Bulan pada lencana", "en": "Badge month"},
    "studio.author": {"id": "Penulis", "en": "Author"},
    "studio.call_number": {"id": "Nomor panggil", "en": "Call number"},
    "studio.quote": {"id": "Kutipan", "en": "Quote"},
    "studio.attribution": {"id": "Sumber kutipan", "en": "Attribution"},
    "studio.number": {"id": "Angka", "en": "Number"},
    "studio.label": {"id": "Keterangan angka", "en": "What the number counts"},
    "studio.rows": {
        "id": "Baris jadwal (satu per baris: Hari = Jam)",
        "en": "Schedule rows (one per line: Day = Hours)",
    },
    "studio.details": {
        "id": "Keterangan tambahan (satu per baris)",
        "en": "Extra lines (one per line)",
    },
    "studio.books": {"id": "Buku (2–6)", "en": "Books (2–6)"},
    "studio.photo": {
        "id": "Foto atau sampul dari pustaka media",
        "en": "Photo or cover from the media library",
    },
    "studio.no_photo": {"id": "Tanpa foto", "en": "No photo"},
    "studio.platform": {"id": "Batas platform", "en": "Platform limits"},
    "studio.any_platform": {"id": "Semua platform", "en": "Any platform"},
    "studio.format": {"id": "Format", "en": "Format"},
    "studio.render": {"id": "Buat gambar", "en": "Make image"},
    "studio.empty": {
        "id": "Isi teksnya lalu tekan Buat gambar; hasilnya muncul di sini.",
        "en": "Fill in the text and press Make image; the result appears here.",
    },
    "studio.download": {"id": "Unduh", "en": "Download"},
    "studio.save": {"id": "Simpan ke pustaka media", "en": "Save to the media library"},
    "studio.batch_source": {"id": "Sumber", "en": "Source"},
    "studio.batch_events": {"id": "Acara 31 hari ke depan", "en": "Events in the next 31 days"},
    "studio.batch_items": {"id": "Koleksi terbaru", "en": "Newest collection items"},
    "studio.sizes": {"id": "Ukuran", "en": "Sizes"},
    "studio.batch_count": {
        "id": "{images} gambar, dikerjakan {cores} inti prosesor sekaligus.",
        "en": "{images} images, made on {cores} processor cores at once.",
    },
    "studio.batch_render": {"id": "Buat semua gambar", "en": "Make all images"},
    "studio.progress": {
        "id": "{done} dari {total} gambar selesai",
        "en": "{done} of {total} images done",
    },
    "studio.batch_done": {"id": "{images} gambar siap.", "en": "{images} images ready."},
    "studio.batch_download": {"id": "Unduh semua (ZIP)", "en": "Download all (ZIP)"},
    "media.rules": {
        "id": (
            "JPEG, PNG, WebP, GIF, TIFF, atau BMP sampai 20 MB. Data lokasi dan EXIF foto dihapus "
            "saat disimpan."
        ),
        "en": (
            "JPEG, PNG, WebP, GIF, TIFF or BMP up to 20 MB. Location and other EXIF data are "
            "removed when stored."
        ),
    },
    "media.duplicate": {
        "id": "Gambar yang sama sudah tersimpan sebagai #{id}.",
        "en": "The same image is already stored as #{id}.",
    },
    "media.similar": {
        "id": "Disimpan sebagai #{id}, tetapi tampak sama dengan {ids}; mungkin unggahan ganda.",
        "en": "Stored as #{id}, but it looks like {ids}; it may be a duplicate.",
    },
    "media.kind": {"id": "Jenis", "en": "Kind"},
    "media.kind_all": {"id": "Semua", "en": "All"},
    "media.kind_upload": {"id": "Unggahan", "en": "Upload"},
    "media.kind_render": {"id": "Gambar jadi", "en": "Rendered"},
    "media.kind_cover": {"id": "Sampul", "en": "Cover"},
    "media.kind_logo": {"id": "Logo", "en": "Logo"},
    "media.details": {"id": "Detail #{id}", "en": "Details #{id}"},
    "media.original": {"id": "Nama berkas asli: {name}", "en": "Original file name: {name}"},
    "media.unused": {"id": "Belum dipakai.", "en": "Not used yet."},
    "media.used_post": {
        "id": "Unggahan #{id} {title} ({status})",
        "en": "Post #{id} {title} ({status})",
    },
    "media.used_event": {"id": "Acara #{id} {title}", "en": "Event #{id} {title}"},
    "media.used_item": {"id": "Koleksi #{id} {title}", "en": "Collection item #{id} {title}"},
    "media.used_brand": {"id": "Logo identitas merek", "en": "Brand kit logo"},
    "media.alt_text": {"id": "Teks alternatif", "en": "Alt text"},
    "media.save_alt": {"id": "Simpan teks", "en": "Save text"},
    "media.alt_saved": {"id": "Teks alternatif #{id} disimpan.", "en": "Alt text of #{id} saved."},
    "media.delete": {"id": "Hapus", "en": "Delete"},
    "media.deleted": {"id": "Gambar #{id} dihapus.", "en": "Image #{id} deleted."},
    "imaging.error.svg": {
        "id": "Gambar SVG tidak diterima; ekspor gambar sebagai PNG atau JPEG.",
        "en": "SVG drawings are not accepted; export the picture as PNG or JPEG.",
    },
    "imaging.error.too_many_pixels": {
        "id": (
            "Gambar berukuran {width}×{height} piksel, melebihi batas {limit} megapiksel; "
            "perkecil dulu."
        ),
        "en": (
            "The image is {width}×{height} pixels, more than the {limit} megapixels allowed; make "
            "it smaller first."
        ),
    },
    "imaging.error.bomb": {
        "id": "Gambar lebih dari {limit} megapiksel dan ditolak karena bisa jadi bom dekompresi.",
        "en": (
            "The image has more than {limit} megapixels, which is refused as a possible "
            "decompression bomb."
        ),
    },
    "imaging.error.not_image": {
        "id": "Berkas ini bukan gambar yang dapat dibaca.",
        "en": "This file is not an image that can be read.",
    },
    "imaging.error.damaged": {
        "id": "Berkas gambar tidak lengkap atau rusak sehingga tidak dapat dibaca.",
        "en": "The image file is incomplete or damaged and cannot be read.",
    },
    "imaging.error.unreadable": {
        "id": "Gambar {name} tidak dapat dibaca.",
        "en": "The image {name} cannot be read.",
    },
    "imaging.error.too_large": {
        "id": "Berkas berukuran {mb} MB; gambar yang dapat disimpan maksimal {limit} MB.",
        "en": "The file is {mb} MB; images of up to {limit} MB can be stored.",
    },
    "imaging.error.no_name": {
        "id": "Berkas tidak bernama; pilih berkas gambar seperti foto.jpg.",
        "en": "The file has no name; choose an image file such as photo.jpg.",
    },
    "imaging.error.control_chars": {
        "id": "Nama berkas mengandung karakter kontrol; ganti nama berkasnya.",
        "en": "The file name contains control characters; rename the file.",
    },
    "imaging.error.path_name": {
        "id": "Nama berkas harus nama biasa, tanpa folder atau '..'.",
        "en": "The file name must be a plain name, without folders or '..'.",
    },
    "imaging.error.long_name": {
        "id": "Nama berkas terlalu panjang (maksimal 200 karakter).",
        "en": "The file name is too long (at most 200 characters).",
    },
    "imaging.error.not_image_name": {
        "id": "Hanya berkas gambar yang dapat diunggah (JPEG, PNG, WebP, GIF, TIFF, atau BMP).",
        "en": "Only image files can be uploaded (JPEG, PNG, WebP, GIF, TIFF or BMP).",
    },
    "imaging.error.no_asset": {"id": "Tidak ada gambar #{id}.", "en": "There is no image #{id}."},
    "imaging.error.logo_in_use": {
        "id": "Gambar #{id} dipakai sebagai logo merek; pilih logo lain dulu.",
        "en": "Image #{id} is the brand kit's logo; choose another logo first.",
    },
    "imaging.error.in_use": {
        "id": (
            "Gambar #{id} dipakai unggahan #{post} ({title}) yang masih menunggu terbit; batalkan "
            "atau terbitkan unggahan itu dulu."
        ),
        "en": (
            "Image #{id} is used by post #{post} ({title}), which is still waiting to be "
            "published; cancel or publish that post first."
        ),
    },
    "imaging.error.brand_name_empty": {
        "id": "Nama perpustakaan tidak boleh kosong.",
        "en": "The library name must not be empty.",
    },
    "imaging.error.brand_name_long": {
        "id": "Nama perpustakaan terlalu panjang (maksimal 120 karakter).",
        "en": "The library name is too long (at most 120 characters).",
    },
    "imaging.error.brand_colour": {
        "id": "Warna {name} ({value}) bukan warna #RRGGBB.",
        "en": "Colour {name} ({value}) is not a #RRGGBB colour.",
    },
    "imaging.error.brand_font": {
        "id": "Huruf {font} tidak tersedia; pilih salah satu dari {fonts}.",
        "en": "Font {font} is not shipped; choose one of {fonts}.",
    },
    "imaging.error.brand_socials": {
        "id": "Tulis paling banyak 6 akun media sosial, masing-masing maksimal 60 karakter.",
        "en": "List at most 6 social handles of up to 60 characters each.",
    },
    "imaging.error.logo_png": {
        "id": "Logo harus berkas PNG (dengan latar transparan).",
        "en": "The logo must be a PNG file (with a transparent background).",
    },
    "imaging.error.logo_small": {
        "id": "Logo terlalu kecil; gunakan PNG minimal 256×256 piksel.",
        "en": "The logo is too small; use a PNG of at least 256×256 pixels.",
    },
    "imaging.error.book_list_empty": {
        "id": "Daftar buku memerlukan minimal satu sampul buku (dua sampai enam paling bagus).",
        "en": "A book list needs at least one book cover (two to six look best).",
    },
    "imaging.error.book_list_many": {
        "id": "Daftar buku memuat paling banyak {limit} buku; pilih lebih sedikit.",
        "en": "A book list shows at most {limit} books; choose fewer.",
    },
    "imaging.error.format_unknown": {
        "id": "Format gambar {format} tidak dikenal; pilih jpeg atau png.",
        "en": "Unknown image format {format}; choose jpeg or png.",
    },
    "imaging.error.platform_unknown": {
        "id": "Platform {platform} tidak dikenal; pilih salah satu dari {platforms}.",
        "en": "Unknown platform {platform}; choose one of {platforms}.",
    },
    "imaging.error.platform_format": {
        "id": "{platform} hanya menerima gambar {accepted}; pilih JPEG.",
        "en": "{platform} accepts {accepted} images only; choose JPEG.",
    },
    "imaging.error.too_big_for_platform": {
        "id": (
            "Gambar berukuran {mb} MB, melebihi batas {limit} MB {platform}; gunakan JPEG atau "
            "foto yang lebih sederhana."
        ),
        "en": (
            "The image is {mb} MB, over the {limit} MB limit of {platform}; use JPEG or a simpler "
            "photo."
        ),
    },
    "dashboard.header": {"id": "Dasbor keterlibatan", "en": "Engagement dashboard"},
    "dashboard.chart": {"id": "Keterlibatan per unggahan", "en": "Engagement per post"},
    "dashboard.published": {"id": "Unggahan terbit", "en": "Published posts"},
    "dashboard.impressions": {"id": "Tayangan", "en": "Impressions"},
    "dashboard.engagement": {"id": "Interaksi", "en": "Engagement"},
    "settings.header": {"id": "Pengaturan", "en": "Settings"},
    "settings.accounts": {"id": "Akun media sosial", "en": "Social media accounts"},
    "settings.zone": {"id": "Zona waktu", "en": "Time zone"},
    "settings.database": {"id": "Basis data", "en": "Database"},
    # -- accounts page (issue 6) --
    "nav.accounts": {"id": "Akun", "en": "Accounts"},
    "settings.accounts_link": {
        "id": "Kelola akun media sosial di halaman Akun",
        "en": "Manage social media accounts on the Accounts page",
    },
    "accounts.header": {"id": "Akun media sosial", "en": "Social media accounts"},
    "accounts.intro": {
        "id": "Hubungkan akun X, Halaman Facebook, dan Instagram perpustakaan. Token diuji "
        "sebelum disimpan, disimpan terenkripsi, dan tidak pernah ditampilkan lagi.",
        "en": "Connect the library's X, Facebook Page and Instagram accounts. Tokens are "
        "tested before they are saved, stored encrypted, and never shown again.",
    },
    "accounts.none": {"id": "Belum ada akun.", "en": "No accounts yet."},
    "accounts.dry_run_badge": {"id": "Dry run", "en": "Dry run"},
    "accounts.status.active": {"id": "Aktif", "en": "Active"},
    "accounts.status.reconnect_needed": {"id": "Perlu dihubungkan ulang", "en": "Reconnect needed"},
    "accounts.status.disconnected": {"id": "Terputus", "en": "Disconnected"},
    "accounts.reason": {
        "id": "Penerbitan ke akun ini berhenti. Alasan: {reason}",
        "en": "Publishing to this account has stopped. Reason: {reason}",
    },
    "accounts.waiting": {
        "id": "{n} unggahan terjadwal menunggu akun ini.",
        "en": "{n} scheduled post(s) are waiting for this account.",
    },
    "accounts.test": {"id": "Tes koneksi", "en": "Test connection"},
    "accounts.test_ok": {"id": "Terhubung sebagai {who}.", "en": "Connected as {who}."},
    "accounts.test_failed": {"id": "Koneksi gagal: {reason}", "en": "Connection failed: {reason}"},
    "accounts.dry_run": {"id": "Dry run (tidak mengirim)", "en": "Dry run (send nothing)"},
    "accounts.dry_run_help": {
        "id": "Unggahan disiapkan dan diperiksa persis seperti aslinya, lalu permintaannya "
        "disimpan di sini alih-alih dikirim.",
        "en": "Posts are built and checked exactly as for real, then the requests are saved "
        "here instead of being sent.",
    },
    "accounts.dry_run_on": {"id": "Dry run aktif.", "en": "Dry run is on."},
    "accounts.dry_run_off": {
        "id": "Dry run mati: unggahan akan benar-benar terbit.",
        "en": "Dry run is off: posts will really be published.",
    },
    "accounts.dry_run_records": {
        "id": "Permintaan dry run terakhir",
        "en": "Latest dry-run requests",
    },
    "accounts.no_dry_runs": {"id": "Belum ada.", "en": "None yet."},
    "accounts.reconnect": {"id": "Hubungkan ulang", "en": "Reconnect"},
    "accounts.reconnect_help": {
        "id": "Isi token baru. Kolom yang dikosongkan memakai nilai yang tersimpan.",
        "en": "Enter the new tokens. Fields left empty keep their stored value.",
    },
    "accounts.reconnect_btn": {"id": "Simpan dan tes", "en": "Save and test"},
    "accounts.reconnected": {"id": "Akun terhubung kembali.", "en": "Account reconnected."},
    "accounts.disconnect": {"id": "Putuskan", "en": "Disconnect"},
    "accounts.disconnect_confirm": {
        "id": "Ya, hapus token akun ini",
        "en": "Yes, delete this account's tokens",
    },
    "accounts.disconnected": {
        "id": "Akun diputus; {n} unggahan terjadwal menunggu.",
        "en": "Account disconnected; {n} scheduled post(s) are waiting.",
    },
    "accounts.connect": {"id": "Hubungkan akun baru", "en": "Connect a new account"},
    "accounts.platform": {"id": "Platform", "en": "Platform"},
    "accounts.name": {"id": "Nama di planner (opsional)", "en": "Name in planner (optional)"},
    "accounts.start_dry": {
        "id": "Mulai dengan dry run (disarankan)",
        "en": "Start in dry run (recommended)",
    },
    "accounts.connect_btn": {"id": "Tes dan hubungkan", "en": "Test and connect"},
    "accounts.connected": {"id": "Terhubung: {name}.", "en": "Connected: {name}."},
    "accounts.field.consumer_key": {"id": "API key", "en": "API key"},
    "accounts.field.consumer_secret": {"id": "API key secret", "en": "API key secret"},
    "accounts.field.access_token": {"id": "Access token", "en": "Access token"},
    "accounts.field.access_token_secret": {
        "id": "Access token secret",
        "en": "Access token secret",
    },
    "accounts.field.page_access_token": {
        "id": "Token akses Halaman (Page access token)",
        "en": "Page access token",
    },
    "accounts.field.page_id": {"id": "ID Halaman (opsional)", "en": "Page ID (optional)"},
    "accounts.field.ig_user_id": {
        "id": "ID akun Instagram profesional",
        "en": "Instagram professional account ID",
    },
    "accounts.help.x": {
        "id": "Di developer.x.com: buat App dengan izin Read and Write, lalu buat API key dan "
        "Access token (OAuth 1.0a) untuk akun perpustakaan.",
        "en": "At developer.x.com: create an App with Read and Write permission, then generate "
        "the API key and an Access token (OAuth 1.0a) for the library's account.",
    },
    "accounts.help.facebook": {
        "id": "Token akses Halaman dengan izin pages_manage_posts dan pages_read_engagement "
        "(Meta Business Suite atau Graph API Explorer). Token pribadi ditolak.",
        "en": "A Page access token with pages_manage_posts and pages_read_engagement (Meta "
        "Business Suite or the Graph API Explorer). A personal token is refused.",
    },
    "accounts.help.instagram": {
        "id": "Akun Instagram profesional yang terhubung ke Halaman Facebook; token dengan "
        "instagram_basic dan instagram_content_publish. ID akun: Graph API Explorer, "
        "me/accounts?fields=instagram_business_account.",
        "en": "An Instagram professional account linked to a Facebook Page; a token with "
        "instagram_basic and instagram_content_publish. Account ID: Graph API Explorer, "
        "me/accounts?fields=instagram_business_account.",
    },
    "accounts.public_media": {
        "id": "Alamat publik gambar (untuk Instagram)",
        "en": "Public image address (for Instagram)",
    },
    "accounts.public_media_help": {
        "id": "Instagram mengambil sendiri setiap gambar dari alamat internet. planner menyalin "
        "gambar yang akan terbit ke folder {folder} dengan nama acak yang tidak bisa ditebak. "
        "Sajikan folder itu lewat server web (atau static serving Streamlit) dan isi "
        "PUBLIC_MEDIA_BASE_URL dengan alamatnya. Tanpa itu, unggahan Instagram tidak bisa "
        "dijadwalkan.",
        "en": "Instagram downloads every image itself from an internet address. planner copies "
        "each image it publishes into {folder} under a random, unguessable name. Serve that "
        "folder with a web server (or Streamlit's static serving) and set "
        "PUBLIC_MEDIA_BASE_URL to its address. Without it, Instagram posts cannot be "
        "scheduled.",
    },
    "accounts.public_ok": {
        "id": "Gambar untuk Instagram diambil dari {url}.",
        "en": "Instagram fetches images from {url}.",
    },
    "accounts.public_test": {"id": "Tes alamat publik", "en": "Test the public address"},
    "accounts.public_test_ok": {
        "id": "Gambar uji dapat diambil dari {url}.",
        "en": "The probe image could be fetched from {url}.",
    },
    "accounts.public_test_failed": {"id": "Gagal: {reason}", "en": "Failed: {reason}"},
    "status.draft": {"id": "Draf", "en": "Draft"},
    "status.in_review": {"id": "Ditinjau", "en": "In review"},
    "status.approved": {"id": "Disetujui", "en": "Approved"},
    "status.scheduled": {"id": "Terjadwal", "en": "Scheduled"},
    "status.publishing": {"id": "Sedang diterbitkan", "en": "Publishing"},
    "status.published": {"id": "Terbit", "en": "Published"},
    "status.retrying": {"id": "Dicoba lagi", "en": "Retrying"},
    "status.failed": {"id": "Gagal", "en": "Failed"},
    "status.needs_attention": {"id": "Perlu dicek", "en": "Needs attention"},
    "status.dry_run": {
        "id": "Uji coba (dry run): tidak dikirim",
        "en": "Dry run: nothing was sent",
    },
    "status.cancelled": {"id": "Dibatalkan", "en": "Cancelled"},
    "platform.x": {"id": "X", "en": "X"},
    "platform.facebook": {"id": "Halaman Facebook", "en": "Facebook Page"},
    "platform.instagram": {"id": "Instagram", "en": "Instagram"},
}


def t(key: str, locale: str = "id", **values: object) -> str:
    """The string `key` in `locale`, with `{name}` placeholders filled from `values`."""
    entry = STRINGS.get(key)
    if entry is None:
        return key
    text = entry.get(locale) or entry["id"]
    return text.format(**values) if values else text
