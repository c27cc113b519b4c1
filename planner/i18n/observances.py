"""Strings of observances: national and library days on the calendar, nudges, the library's days."""

STRINGS: dict[str, dict[str, str]] = {
    "observances.whole_month": {"id": "sebulan penuh", "en": "all month"},
    "observances.nudge": {
        "id": "{name} tinggal {days} hari lagi ({date}) dan belum ada unggahan untuknya.",
        "en": "{name} is {days} day(s) away ({date}) and has no post yet.",
    },
    "observances.nudge_today": {
        "id": "Hari ini {name} ({date}) dan belum ada unggahan untuknya.",
        "en": "Today is {name} ({date}) and it has no post yet.",
    },
    "observances.draft": {"id": "Buat draf: {name}", "en": "Draft a post: {name}"},
    "observances.draft_help": {
        "id": "Membuat draf dari templat {template}. Draf tidak dijadwalkan sendiri: periksa, "
        "ajukan ke tinjauan atau jadwalkan seperti draf lain.",
        "en": "Makes a draft from the {template} template. Nothing is scheduled by itself: "
        "check it, send it to review or schedule it like any draft.",
    },
    "observances.drafted": {
        "id": "Draf “{title}” dibuat untuk {name}. Periksa dan jadwalkan di halaman Draf.",
        "en": "Draft “{title}” made for {name}. Check and schedule it on the Drafts page.",
    },
    "observances.manage": {"id": "Hari peringatan perpustakaan", "en": "The library's own days"},
    "observances.manage_help": {
        "id": "Hari jadi perpustakaan atau hari penting lain. Hari ini muncul di kalender setiap "
        "tahun, dua pekan sebelumnya dengan pengingat untuk membuat draf.",
        "en": "The library's anniversary or another day of its own. It shows on the calendar "
        "every year, with a reminder to draft a post two weeks before.",
    },
    "observances.none": {
        "id": "Belum ada hari peringatan perpustakaan.",
        "en": "The library has no days of its own yet.",
    },
    "observances.name_id": {"id": "Nama hari", "en": "Name of the day (Indonesian)"},
    "observances.name_en": {
        "id": "Nama dalam bahasa Inggris (opsional)",
        "en": "English name (optional)",
    },
    "observances.day": {"id": "Tanggal", "en": "Day"},
    "observances.month": {"id": "Bulan", "en": "Month"},
    "observances.since": {"id": "Tahun berdiri (opsional)", "en": "Founding year (optional)"},
    "observances.template": {"id": "Templat", "en": "Template"},
    "observances.message": {"id": "Pesan (opsional)", "en": "Message (optional)"},
    "observances.add": {"id": "Tambahkan hari", "en": "Add the day"},
    "observances.added": {"id": "Hari “{name}” ditambahkan.", "en": "“{name}” added."},
    "observances.remove": {"id": "Hapus {name}", "en": "Remove {name}"},
    "observances.removed": {"id": "Hari “{name}” dihapus.", "en": "“{name}” removed."},
    "observances.every_year": {"id": "setiap {date}", "en": "every {date}"},
    "observances.error.date": {
        "id": "Tanggal itu tidak ada setiap tahun (29 Februari pun tidak). Pilih tanggal lain.",
        "en": "That day does not come every year (29 February neither). Choose another.",
    },
    "observances.error.name": {
        "id": "Isi nama hari dalam bahasa Indonesia.",
        "en": "Fill in the day's Indonesian name.",
    },
    "observances.error.since": {
        "id": "{year} bukan tahun yang sudah lewat.",
        "en": "{year} is not a past year.",
    },
    "observances.error.template": {
        "id": "Templat {template} tidak ada.",
        "en": "There is no template {template}.",
    },
    "observances.error.no_day": {
        "id": "Hari peringatan {key} tidak ditemukan.",
        "en": "There is no observance {key}.",
    },
    "observances.error.account": {
        "id": "Belum ada akun aktif untuk draf ini. Hubungkan akun di halaman Akun.",
        "en": "There is no active account for this draft. Connect one on the Accounts page.",
    },
}
