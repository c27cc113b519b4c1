"""Strings of the programme's indicators: service use, attendance, feedback notes, the views."""

STRINGS: dict[str, dict[str, str]] = {
    # refusals (planner/evaluation/indicators/errors.py)
    "indicators.error.no_month": {"id": "bulan kosong", "en": "the month is empty"},
    "indicators.error.bad_month": {
        "id": "bulan tidak terbaca: “{value}” (tulis TTTT-BB, mis. 2026-11)",
        "en": "unreadable month: “{value}” (write YYYY-MM, e.g. 2026-11)",
    },
    "indicators.error.future_month": {
        "id": "bulan {month} belum dimulai; angka layanan dicatat setelah bulannya berjalan",
        "en": "{month} has not begun; service figures are recorded once the month is under way",
    },
    "indicators.error.bad_number": {
        "id": "{field}: “{value}” bukan bilangan bulat",
        "en": "{field}: “{value}” is not a whole number",
    },
    "indicators.error.negative": {
        "id": "{field} tidak boleh negatif ({value})",
        "en": "{field} cannot be negative ({value})",
    },
    "indicators.error.no_figures": {
        "id": "tidak ada angka untuk {month}: isi kunjungan, peminjaman, atau anggota baru",
        "en": "no figures for {month}: give visits, loans or new members",
    },
    "indicators.error.no_event": {
        "id": "tidak ada acara dengan nomor {id}",
        "en": "there is no event with id {id}",
    },
    "indicators.error.no_post": {
        "id": "tidak ada unggahan dengan nomor {id}",
        "en": "there is no post with id {id}",
    },
    "indicators.error.no_note": {
        "id": "tidak ada catatan masukan dengan nomor {id}",
        "en": "there is no feedback note with id {id}",
    },
    "indicators.error.event_not_begun": {
        "id": "“{title}” belum dimulai; kehadiran dicatat setelah acaranya berlangsung",
        "en": "“{title}” has not begun; attendance is recorded once the event has taken place",
    },
    "indicators.error.bad_sentiment": {
        "id": "sentimen tidak dikenali: “{value}” (positif, netral, atau negatif)",
        "en": "unknown sentiment: “{value}” (positive, neutral or negative)",
    },
    "indicators.error.no_text": {"id": "isi masukan kosong", "en": "the feedback text is empty"},
    "indicators.error.text_too_long": {
        "id": "isi masukan lebih dari {limit} karakter",
        "en": "the feedback text is longer than {limit} characters",
    },
    "indicators.error.future_date": {
        "id": "tanggal {day} belum tiba",
        "en": "{day} is in the future",
    },
    "indicators.error.no_date": {"id": "tanggal kosong", "en": "the date is empty"},
    "indicators.error.bad_date": {
        "id": "tanggal tidak terbaca: “{value}”",
        "en": "unreadable date: “{value}”",
    },
    # figures, as refusals and tables name them
    "indicators.field.visits": {"id": "kunjungan", "en": "visits"},
    "indicators.field.loans": {"id": "peminjaman", "en": "loans"},
    "indicators.field.new_members": {"id": "anggota baru", "en": "new members"},
    "indicators.field.attendance": {"id": "kehadiran", "en": "attendance"},
    # sentiments and sources of feedback notes
    "indicators.sentiment.positive": {"id": "Positif", "en": "Positive"},
    "indicators.sentiment.neutral": {"id": "Netral", "en": "Neutral"},
    "indicators.sentiment.negative": {"id": "Negatif", "en": "Negative"},
    "indicators.source.front_desk": {"id": "Meja layanan", "en": "Front desk"},
    "indicators.source.suggestion_box": {"id": "Kotak saran", "en": "Suggestion box"},
    "indicators.source.social_comment": {
        "id": "Komentar media sosial",
        "en": "Social media comment",
    },
    "indicators.source.message": {"id": "Pesan / WhatsApp", "en": "Message / WhatsApp"},
    "indicators.source.survey": {"id": "Survei", "en": "Survey"},
    "indicators.source.other": {"id": "Lainnya", "en": "Other"},
    # the page and the read-only views (planner/ui/indicators.py, planner/ui/widgets/indicators.py)
    "indicators.nav": {"id": "Indikator program", "en": "Programme indicators"},
    "indicators.header": {"id": "Indikator program", "en": "Programme indicators"},
    "indicators.month": {"id": "Bulan", "en": "Month"},
    "indicators.tab.overview": {"id": "Ringkasan", "en": "Overview"},
    "indicators.tab.service": {"id": "Layanan bulanan", "en": "Monthly service use"},
    "indicators.tab.attendance": {"id": "Kehadiran acara", "en": "Event attendance"},
    "indicators.tab.feedback": {"id": "Masukan pengguna", "en": "User feedback"},
    "indicators.events.title": {"id": "Acara dan promosinya", "en": "Events and their promotion"},
    "indicators.events.none": {
        "id": "Tidak ada acara pada periode ini.",
        "en": "No events in this period.",
    },
    "indicators.months.title": {
        "id": "Layanan perpustakaan dan promosi per bulan",
        "en": "Library service use and promotion per month",
    },
    "indicators.feedback.title": {
        "id": "Masukan pengguna per bulan",
        "en": "User feedback per month",
    },
    "indicators.training.title": {
        "id": "Pelatihan dan partisipasi",
        "en": "Training and participation",
    },
    "indicators.training.none": {
        "id": "Modul pelatihan belum terpasang di planner ini, jadi belum ada sesi, peserta, atau "
        "latihan yang dapat dihitung (bukan berarti nol). Angkanya tampil di sini begitu "
        "pelatihan dicatat di planner.",
        "en": "This planner has no training module yet, so there are no sessions, attendees "
        "or exercises to count (which is not the same as zero). The figures appear here once "
        "training is recorded in planner.",
    },
    "indicators.training.sessions": {"id": "Sesi pelatihan", "en": "Training sessions"},
    "indicators.training.attendees": {"id": "Peserta", "en": "Attendees"},
    "indicators.training.exercises": {"id": "Latihan dikumpulkan", "en": "Exercises submitted"},
    "indicators.training.score": {"id": "Nilai rata-rata", "en": "Average score"},
    "indicators.col.event": {"id": "Acara", "en": "Event"},
    "indicators.col.date": {"id": "Tanggal", "en": "Date"},
    "indicators.col.attendance": {"id": "Kehadiran", "en": "Attendance"},
    "indicators.col.posts": {"id": "Unggahan", "en": "Posts"},
    "indicators.col.publications": {"id": "Publikasi", "en": "Publications"},
    "indicators.col.reach": {"id": "Jangkauan", "en": "Reach"},
    "indicators.col.interactions": {"id": "Interaksi", "en": "Interactions"},
    "indicators.col.clicks": {"id": "Klik tautan", "en": "Link clicks"},
    "indicators.col.comments": {"id": "Komentar di platform", "en": "Platform comments"},
    "indicators.col.month": {"id": "Bulan", "en": "Month"},
    "indicators.col.visits": {"id": "Kunjungan", "en": "Visits"},
    "indicators.col.loans": {"id": "Peminjaman", "en": "Loans"},
    "indicators.col.new_members": {"id": "Anggota baru", "en": "New members"},
    "indicators.col.note": {"id": "Catatan", "en": "Note"},
    "indicators.col.notes": {"id": "Catatan masukan", "en": "Feedback notes"},
    "indicators.col.measure": {"id": "Ukuran", "en": "Measure"},
    "indicators.col.value": {"id": "Nilai", "en": "Value"},
    "indicators.col.sentiment": {"id": "Sentimen", "en": "Sentiment"},
    "indicators.col.source": {"id": "Sumber", "en": "Source"},
    "indicators.col.text": {"id": "Isi", "en": "Text"},
    "indicators.col.id": {"id": "No.", "en": "No."},
    "indicators.not_reported": {"id": "tidak dilaporkan", "en": "not reported"},
    "indicators.not_entered": {"id": "belum diisi", "en": "not entered"},
    "indicators.gaps": {
        "id": "Tiap publikasi dihitung dengan snapshot terbarunya. “Tidak dilaporkan” berarti "
        "platform tidak memberi angka itu — bukan nol. Publikasi uji coba, yang dibatalkan, dan "
        "yang dihapus tidak dihitung.",
        "en": "Each publication counts with its newest snapshot. “Not reported” means the "
        "platform gave no figure — not zero. Dry runs, cancelled and deleted posts are not "
        "counted.",
    },
    "indicators.download": {"id": "Unduh CSV", "en": "Download CSV"},
    "indicators.chart.events": {
        "id": "Kehadiran dan promosi per acara",
        "en": "Attendance and promotion per event",
    },
    "indicators.chart.months": {
        "id": "Layanan dan promosi per bulan",
        "en": "Service use and promotion per month",
    },
    "indicators.chart.feedback": {
        "id": "Catatan masukan per bulan menurut sentimen",
        "en": "Feedback notes per month by sentiment",
    },
    "indicators.chart.training": {"id": "Pelatihan pada periode ini", "en": "Training this period"},
    "indicators.service.form": {"id": "Angka layanan {month}", "en": "Service figures, {month}"},
    "indicators.service.help": {
        "id": "Kosongkan angka yang belum diketahui; angka yang sudah tersimpan tetap.",
        "en": "Leave a figure you do not know empty; what is stored stays.",
    },
    "indicators.service.note": {"id": "Catatan (opsional)", "en": "Note (optional)"},
    "indicators.service.save": {"id": "Simpan angka layanan", "en": "Save service figures"},
    "indicators.service.saved": {
        "id": "Angka layanan {month} disimpan.",
        "en": "Service figures for {month} saved.",
    },
    "indicators.service.unchanged": {
        "id": "Tidak ada yang berubah untuk {month}.",
        "en": "Nothing changed for {month}.",
    },
    "indicators.service.recent": {"id": "Bulan yang sudah diisi", "en": "Months entered"},
    "indicators.import.title": {"id": "Impor dari CSV", "en": "Import from CSV"},
    "indicators.import.file": {"id": "Berkas CSV", "en": "CSV file"},
    "indicators.import.run": {"id": "Impor", "en": "Import"},
    "indicators.import.help_service": {
        "id": "Kolom: bulan; kunjungan; peminjaman; anggota baru; catatan (opsional). Bulan "
        "ditulis 2026-11 atau 11/2026. Bulan yang diimpor ulang diperbarui, tidak digandakan.",
        "en": "Columns: month; visits; loans; new members; note (optional). Write the month as "
        "2026-11 or 11/2026. A month imported again is updated, never doubled.",
    },
    "indicators.import.help_feedback": {
        "id": "Kolom: tanggal; sentimen (positif, netral, negatif); isi; sumber (opsional). "
        "Catatan yang sama tidak diimpor dua kali.",
        "en": "Columns: date; sentiment (positive, neutral, negative); text; source "
        "(optional). The same note is not imported twice.",
    },
    "indicators.attendance.event": {"id": "Acara", "en": "Event"},
    "indicators.attendance.people": {"id": "Jumlah yang hadir", "en": "People who came"},
    "indicators.attendance.help": {
        "id": "Kosongkan untuk menghapus angka kehadiran.",
        "en": "Leave empty to remove the attendance figure.",
    },
    "indicators.attendance.save": {"id": "Simpan kehadiran", "en": "Save attendance"},
    "indicators.attendance.saved": {
        "id": "Kehadiran “{title}” disimpan.",
        "en": "Attendance of “{title}” saved.",
    },
    "indicators.attendance.none": {
        "id": "Belum ada acara yang sudah dimulai pada bulan ini.",
        "en": "No event has begun in this month yet.",
    },
    "indicators.feedback.add": {"id": "Catat masukan", "en": "Record feedback"},
    "indicators.feedback.date": {"id": "Tanggal", "en": "Date"},
    "indicators.feedback.source": {"id": "Sumber", "en": "Source"},
    "indicators.feedback.sentiment": {"id": "Sentimen", "en": "Sentiment"},
    "indicators.feedback.text": {"id": "Isi masukan", "en": "What was said"},
    "indicators.feedback.save": {"id": "Simpan masukan", "en": "Save feedback"},
    "indicators.feedback.saved": {"id": "Masukan dicatat.", "en": "Feedback recorded."},
    "indicators.feedback.list": {"id": "Masukan bulan {month}", "en": "Feedback in {month}"},
    "indicators.feedback.none": {
        "id": "Belum ada masukan pada bulan ini.",
        "en": "No feedback in this month yet.",
    },
    "indicators.feedback.delete_pick": {"id": "Catatan yang dihapus", "en": "Note to delete"},
    "indicators.feedback.delete": {"id": "Hapus catatan", "en": "Delete note"},
    "indicators.feedback.deleted": {"id": "Catatan #{id} dihapus.", "en": "Note #{id} deleted."},
}
