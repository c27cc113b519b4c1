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
