"""Strings of the library catalogue (OAI-PMH harvesting, new arrivals) in Settings and CLI."""

STRINGS: dict[str, dict[str, str]] = {
    "catalogue.error.no_name": {
        "id": "Nama sumber katalog kosong.",
        "en": "The catalogue source has no name.",
    },
    "catalogue.error.name_taken": {
        "id": "Sudah ada sumber katalog bernama “{name}”.",
        "en": "There is already a catalogue source called “{name}”.",
    },
    "catalogue.error.bad_url": {
        "id": "“{value}” bukan alamat web (harus diawali http:// atau https://).",
        "en": "“{value}” is not a web address (it must start with http:// or https://).",
    },
    "catalogue.error.bad_format": {
        "id": "Format metadata “{value}” tidak dikenal; pilih salah satu: {formats}.",
        "en": "Unknown metadata format “{value}”; choose one of: {formats}.",
    },
    "catalogue.error.bad_schedule": {
        "id": "Jadwal “{value}” tidak dikenal; pilih salah satu: {schedules}.",
        "en": "Unknown schedule “{value}”; choose one of: {schedules}.",
    },
    "catalogue.error.bad_record_url": {
        "id": "Pola tautan OPAC “{value}” harus berupa alamat web yang memuat {{id}}, mis. "
        "https://opac.contoh.go.id/index.php?p=show_detail&id={{id}}.",
        "en": "The OPAC link pattern “{value}” must be a web address containing {{id}}, e.g. "
        "https://opac.example.org/index.php?p=show_detail&id={{id}}.",
    },
    "catalogue.error.no_source": {
        "id": "Tidak ada sumber katalog “{ref}”.",
        "en": "No catalogue source “{ref}”.",
    },
    "catalogue.error.busy": {
        "id": "Katalog “{name}” sedang dipanen oleh proses lain; coba lagi sebentar lagi.",
        "en": "“{name}” is being harvested by another process; try again in a moment.",
    },
    "catalogue.error.timeout": {
        "id": "Server katalog {url} tidak menjawab dalam {seconds} detik (sudah dicoba beberapa "
        "kali). Tidak ada yang diubah; panen berikutnya mencoba lagi.",
        "en": "The catalogue server {url} did not answer within {seconds} s (tried several "
        "times). Nothing was changed; the next harvest tries again.",
    },
    "catalogue.error.unreachable": {
        "id": "Server katalog {url} tidak dapat dihubungi ({detail}). Periksa alamatnya dan "
        "jaringan; tidak ada yang diubah.",
        "en": "The catalogue server {url} cannot be reached ({detail}). Check the address and "
        "the network; nothing was changed.",
    },
    "catalogue.error.http": {
        "id": "Server katalog {url} menjawab dengan galat HTTP {status}. Tidak ada yang diubah.",
        "en": "The catalogue server {url} answered with HTTP error {status}. Nothing was changed.",
    },
    "catalogue.error.not_oai": {
        "id": "Alamat {url} tidak menjawab sebagai OAI-PMH (mungkin halaman web biasa). Untuk "
        "SLiMS alamatnya diakhiri /oai.php, untuk INLISLite /oai-pmh.",
        "en": "{url} does not answer as OAI-PMH (perhaps an ordinary web page). For SLiMS the "
        "address ends in /oai.php, for INLISLite in /oai-pmh.",
    },
    "catalogue.error.oai": {
        "id": "Server katalog menolak permintaan ({oai_code}: {detail}). Tidak ada yang diubah.",
        "en": "The catalogue server refused the request ({oai_code}: {detail}). Nothing was "
        "changed.",
    },
    "catalogue.error.bad_token": {
        "id": "Server katalog terus menolak token lanjutan (resumption token) meski panen sudah "
        "diulang dari awal ({detail}). Tidak ada yang diubah.",
        "en": "The catalogue server kept refusing its resumption token even after the harvest "
        "started over ({detail}). Nothing was changed.",
    },
    "catalogue.error.not_imported": {
        "id": "Hasil panen tidak dapat disimpan: {reason}",
        "en": "The harvest could not be saved: {reason}",
    },
    "catalogue.error.bad_since": {
        "id": "Tanggal “{value}” tidak terbaca; tulis seperti 2026-11-30.",
        "en": "Unreadable date “{value}”; write it like 2026-11-30.",
    },
    "catalogue.arrivals_title": {"id": "Koleksi baru pekan ini", "en": "New arrivals this week"},
    "catalogue.arrivals_author": {"id": "Katalog {name}", "en": "Catalogue {name}"},
    "catalogue.note.in_review": {
        "id": "Draf “Koleksi baru pekan ini” #{post} menunggu di Tinjauan.",
        "en": "The “New arrivals this week” draft #{post} waits in Review.",
    },
    "catalogue.note.kept_as_draft": {
        "id": "Draf “Koleksi baru pekan ini” #{post} disimpan di Draf: teksnya perlu diperbaiki "
        "sebelum ditinjau.",
        "en": "The “New arrivals this week” draft #{post} is in Drafts: its text needs a fix "
        "before review.",
    },
    "catalogue.note.already_this_week": {
        "id": "Draf koleksi baru pekan ini sudah dibuat.",
        "en": "This week's new-arrivals draft was already made.",
    },
    "catalogue.note.no_new_books": {
        "id": "Tidak ada judul baru untuk diusulkan.",
        "en": "No new titles to propose.",
    },
    "catalogue.note.no_accounts": {
        "id": "Tidak ada akun aktif untuk draf koleksi baru.",
        "en": "No active account for a new-arrivals draft.",
    },
    "catalogue.note.draft_failed": {
        "id": "Draf koleksi baru tidak dapat dibuat (lihat log).",
        "en": "The new-arrivals draft could not be made (see the log).",
    },
    # Settings page
    "catalogue.heading": {
        "id": "Katalog perpustakaan (OAI-PMH)",
        "en": "Library catalogue (OAI-PMH)",
    },
    "catalogue.intro": {
        "id": "Judul baru dari SLiMS, INLISLite atau Koha dipanen lewat OAI-PMH menjadi data buku, "
        "lalu planner mengusulkan unggahan “Koleksi baru pekan ini” untuk ditinjau. Tidak ada "
        "yang dipublikasikan tanpa persetujuan seseorang.",
        "en": "New titles from SLiMS, INLISLite or Koha are harvested over OAI-PMH into books, "
        "then planner proposes a “New arrivals this week” post for review. Nothing is "
        "published without a person's approval.",
    },
    "catalogue.none": {
        "id": "Belum ada sumber katalog. Tambahkan di bawah.",
        "en": "No catalogue source yet. Add one below.",
    },
    "catalogue.name": {"id": "Nama", "en": "Name"},
    "catalogue.base_url": {"id": "Alamat OAI-PMH", "en": "OAI-PMH address"},
    "catalogue.base_url_help": {
        "id": "SLiMS: https://alamat-opac/oai.php · INLISLite: https://alamat-inlislite/oai-pmh "
        "· Koha: https://alamat-opac/cgi-bin/koha/oai.pl",
        "en": "SLiMS: https://opac-address/oai.php · INLISLite: https://inlislite-address/oai-pmh "
        "· Koha: https://opac-address/cgi-bin/koha/oai.pl",
    },
    "catalogue.format": {"id": "Format metadata", "en": "Metadata format"},
    "catalogue.set": {"id": "Set (opsional)", "en": "Set (optional)"},
    "catalogue.record_url": {
        "id": "Pola tautan OPAC (opsional)",
        "en": "OPAC link pattern (optional)",
    },
    "catalogue.record_url_help": {
        "id": "Alamat halaman satu judul di OPAC, dengan {id} untuk nomornya, mis. "
        "https://opac.contoh.go.id/index.php?p=show_detail&id={id}",
        "en": "The OPAC address of one title, with {id} for its number, e.g. "
        "https://opac.example.org/index.php?p=show_detail&id={id}",
    },
    "catalogue.schedule": {"id": "Jadwal panen", "en": "Harvest schedule"},
    "catalogue.schedule.off": {"id": "Manual saja", "en": "By hand only"},
    "catalogue.schedule.daily": {"id": "Setiap hari", "en": "Daily"},
    "catalogue.schedule.weekly": {"id": "Setiap pekan", "en": "Weekly"},
    "catalogue.add": {"id": "Tambah sumber katalog", "en": "Add catalogue source"},
    "catalogue.added": {
        "id": "Sumber katalog “{name}” disimpan.",
        "en": "Catalogue source “{name}” saved.",
    },
    "catalogue.pick": {"id": "Sumber katalog", "en": "Catalogue source"},
    "catalogue.test": {"id": "Uji alamat", "en": "Test address"},
    "catalogue.tested": {
        "id": "Terhubung ke “{repository}”. Format tersedia: {formats}.",
        "en": "Connected to “{repository}”. Formats offered: {formats}.",
    },
    "catalogue.format_missing": {
        "id": "Server ini tidak menawarkan format “{prefix}”; pilih salah satu: {formats}.",
        "en": "This server does not offer the “{prefix}” format; choose one of: {formats}.",
    },
    "catalogue.harvest": {"id": "Panen sekarang", "en": "Harvest now"},
    "catalogue.harvested": {
        "id": "Panen selesai: {records} rekaman, {created} judul baru, {updated} diperbarui, "
        "{deleted} dihapus, {warnings} dengan catatan.",
        "en": "Harvest done: {records} records, {created} new titles, {updated} updated, "
        "{deleted} removed, {warnings} with a note.",
    },
    "catalogue.last": {"id": "Panen terakhir", "en": "Last harvest"},
    "catalogue.never": {"id": "belum pernah", "en": "never"},
    "catalogue.status.ok": {"id": "berhasil", "en": "succeeded"},
    "catalogue.status.failed": {"id": "gagal", "en": "failed"},
    "catalogue.next_from": {
        "id": "Panen berikutnya meminta perubahan sejak {day}.",
        "en": "The next harvest asks for changes since {day}.",
    },
}
