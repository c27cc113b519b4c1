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
        "id": "tidak ada angka untuk {month}: isi kunjungan, peminjaman atau anggota baru",
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
        "id": "sentimen tidak dikenali: “{value}” (positif, netral atau negatif)",
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
}
