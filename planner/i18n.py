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
    "compose.past_time": {
        "id": "Waktu itu sudah lewat. Terbitkan sekarang?",
        "en": "That time has already passed. Publish now?",
    },
    "compose.publish_now": {"id": "Terbitkan sekarang", "en": "Publish now"},
    "compose.image": {"id": "Gambar", "en": "Image"},
    "compose.problems": {"id": "Perlu diperbaiki", "en": "Needs fixing"},
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
    "dashboard.header": {"id": "Dasbor keterlibatan", "en": "Engagement dashboard"},
    "dashboard.chart": {"id": "Keterlibatan per unggahan", "en": "Engagement per post"},
    "dashboard.published": {"id": "Unggahan terbit", "en": "Published posts"},
    "dashboard.impressions": {"id": "Tayangan", "en": "Impressions"},
    "dashboard.engagement": {"id": "Interaksi", "en": "Engagement"},
    "settings.header": {"id": "Pengaturan", "en": "Settings"},
    "settings.accounts": {"id": "Akun media sosial", "en": "Social media accounts"},
    "settings.zone": {"id": "Zona waktu", "en": "Time zone"},
    "settings.database": {"id": "Basis data", "en": "Database"},
    "status.draft": {"id": "Draf", "en": "Draft"},
    "status.in_review": {"id": "Ditinjau", "en": "In review"},
    "status.approved": {"id": "Disetujui", "en": "Approved"},
    "status.scheduled": {"id": "Terjadwal", "en": "Scheduled"},
    "status.publishing": {"id": "Sedang diterbitkan", "en": "Publishing"},
    "status.published": {"id": "Terbit", "en": "Published"},
    "status.retrying": {"id": "Dicoba lagi", "en": "Retrying"},
    "status.failed": {"id": "Gagal", "en": "Failed"},
    "status.needs_attention": {"id": "Perlu dicek", "en": "Needs attention"},
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
