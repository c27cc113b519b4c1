"""Strings of the monthly report: its headings, table headers, sentences and download page."""

STRINGS: dict[str, dict[str, str]] = {
    # -- the document
    "report.title": {"id": "Laporan Bulanan Media Sosial", "en": "Monthly Social Media Report"},
    "report.month_of": {"id": "Bulan {month}", "en": "{month}"},
    "report.made_on": {"id": "Dibuat {when}", "en": "Made {when}"},
    "report.simulated": {
        "id": "Sebagian angka adalah simulasi (akun latihan, bukan data nyata).",
        "en": "Some figures are simulated (Sandbox accounts, not real data).",
    },
    "report.gap": {"id": "tidak dilaporkan", "en": "not reported"},
    "report.no_change": {"id": "–", "en": "–"},
    "report.page": {"id": "Halaman {page}", "en": "Page {page}"},
    "report.section.summary": {"id": "Ringkasan", "en": "Summary"},
    "report.section.charts": {
        "id": "Interaksi dan jangkauan per hari",
        "en": "Engagement and reach per day",
    },
    "report.section.top_posts": {"id": "Unggahan teratas", "en": "Top posts"},
    "report.section.platforms": {"id": "Per platform", "en": "Per platform"},
    "report.section.service": {
        "id": "Indikator 1: Pemanfaatan layanan dan promosi",
        "en": "Indicator 1: Service use and promotion",
    },
    "report.section.feedback": {
        "id": "Indikator 2: Masukan pengguna",
        "en": "Indicator 2: User feedback",
    },
    "report.section.training": {
        "id": "Indikator 3: Pelatihan dan partisipasi",
        "en": "Indicator 3: Training and participation",
    },
    "report.section.measures": {"id": "Ukuran media sosial", "en": "Social media measures"},
    "report.sheet.summary": {"id": "Ringkasan", "en": "Summary"},
    "report.sheet.charts": {"id": "Data grafik", "en": "Chart data"},
    "report.sheet.top_posts": {"id": "Unggahan teratas", "en": "Top posts"},
    "report.sheet.platforms": {"id": "Per platform", "en": "Per platform"},
    "report.sheet.service": {"id": "Layanan", "en": "Service use"},
    "report.sheet.feedback": {"id": "Masukan", "en": "Feedback"},
    "report.sheet.training": {"id": "Pelatihan", "en": "Training"},
    "report.sheet.measures": {"id": "Ukuran media sosial", "en": "Social media measures"},
    "report.sheet.sentences": {"id": "Kalimat", "en": "Sentences"},
    "report.col.item": {"id": "Butir", "en": "Item"},
    # -- figures (table headers, sheet names, KPI labels)
    "report.col.section": {"id": "Bagian", "en": "Section"},
    "report.col.figure": {"id": "Angka", "en": "Figure"},
    "report.col.this_month": {"id": "Bulan ini", "en": "This month"},
    "report.col.previous": {"id": "Bulan sebelumnya", "en": "Month before"},
    "report.col.change": {"id": "Perubahan (%)", "en": "Change (%)"},
    "report.col.platform": {"id": "Platform", "en": "Platform"},
    "report.col.post": {"id": "Unggahan", "en": "Post"},
    "report.col.title": {"id": "Judul", "en": "Title"},
    "report.col.day": {"id": "Tanggal", "en": "Date"},
    "report.col.link": {"id": "Tautan", "en": "Link"},
    "report.col.rank": {"id": "Peringkat", "en": "Rank"},
    "report.col.sentence": {"id": "Kalimat", "en": "Sentence"},
    "report.fig.posts": {"id": "Publikasi", "en": "Posts"},
    "report.fig.impressions": {"id": "Tayangan", "en": "Impressions"},
    "report.fig.reach": {"id": "Jangkauan", "en": "Reach"},
    "report.fig.interactions": {"id": "Interaksi", "en": "Interactions"},
    "report.fig.clicks": {"id": "Klik tautan", "en": "Link clicks"},
    "report.fig.comments": {"id": "Komentar", "en": "Comments"},
    "report.fig.followers": {"id": "Pengikut", "en": "Followers"},
    "report.fig.follower_growth": {"id": "Pertambahan pengikut", "en": "Follower growth"},
    "report.fig.engagement_rate": {"id": "Tingkat interaksi (%)", "en": "Engagement rate (%)"},
    "report.fig.interactions_per_post": {
        "id": "Interaksi per publikasi",
        "en": "Interactions per post",
    },
    "report.fig.clicks_per_post": {"id": "Klik per publikasi", "en": "Clicks per post"},
    "report.fig.visits": {"id": "Kunjungan", "en": "Visits"},
    "report.fig.loans": {"id": "Peminjaman", "en": "Loans"},
    "report.fig.new_members": {"id": "Anggota baru", "en": "New members"},
    "report.fig.notes": {"id": "Catatan masukan", "en": "Feedback notes"},
    "report.fig.positive": {"id": "Positif", "en": "Positive"},
    "report.fig.neutral": {"id": "Netral", "en": "Neutral"},
    "report.fig.negative": {"id": "Negatif", "en": "Negative"},
    "report.fig.sessions_held": {"id": "Sesi pelatihan", "en": "Training sessions"},
    "report.fig.attendees": {"id": "Peserta", "en": "Attendees"},
    "report.fig.exercises_submitted": {"id": "Latihan dikerjakan", "en": "Exercises done"},
    "report.fig.average_score": {"id": "Nilai rata-rata", "en": "Average score"},
    "report.chart.interactions": {"id": "Interaksi per hari", "en": "Interactions per day"},
    "report.chart.reach": {"id": "Jangkauan per hari", "en": "Reach per day"},
    # -- sentences ({what} is a figure's name as it starts a sentence)
    "report.s.gap": {
        "id": "{what} {month} tidak dilaporkan.",
        "en": "{what} for {month}: not reported.",
    },
    "report.s.no_previous": {
        "id": "{what} {month}: {value}; belum ada data {previous} sebagai pembanding.",
        "en": "{what} in {month}: {value}; there is no data for {previous} to compare with.",
    },
    "report.s.from_zero": {
        "id": "{what} naik dari 0 menjadi {value} dibanding {previous}.",
        "en": "{what} rose from 0 to {value} compared with {previous}.",
    },
    "report.s.both_zero": {
        "id": "{what} tetap 0, sama seperti {previous}.",
        "en": "{what} stayed at 0, as in {previous}.",
    },
    "report.s.rose": {
        "id": "{what} naik {percent} % dibanding {previous}.",
        "en": "{what} rose {percent} % compared with {previous}.",
    },
    "report.s.fell": {
        "id": "{what} turun {percent} % dibanding {previous}.",
        "en": "{what} fell {percent} % compared with {previous}.",
    },
    "report.s.unchanged": {
        "id": "{what} tidak berubah dibanding {previous}.",
        "en": "{what}: no change compared with {previous}.",
    },
    "report.s.nothing_published": {
        "id": "Tidak ada unggahan yang terpublikasi pada {month}.",
        "en": "Nothing was published in {month}.",
    },
    "report.s.best_day": {
        "id": "Interaksi tertinggi pada {day}: {value} interaksi.",
        "en": "The most interactions came on {day}: {value}.",
    },
    "report.s.no_engagement": {
        "id": "Interaksi unggahan {month} tidak dilaporkan oleh platform.",
        "en": "The platforms did not report interactions for {month}'s posts.",
    },
    "report.s.top_post": {
        "id": "Unggahan teratas adalah \u201c{title}\u201d di {platform} dengan {value} interaksi.",
        "en": "The top post was \u201c{title}\u201d on {platform} with {value} interactions.",
    },
    "report.s.top_platform": {
        "id": "{platform} memberi interaksi terbanyak: {share} % dari seluruh interaksi.",
        "en": "{platform} brought the most interactions: {share} % of all of them.",
    },
    "report.s.service_gap": {
        "id": "Angka layanan {month} (kunjungan, peminjaman, anggota baru) belum diisi.",
        "en": "{month}'s service figures (visits, loans, new members) have not been entered.",
    },
    "report.s.feedback": {
        "id": "{notes} catatan masukan ({positive} positif, {neutral} netral, {negative} negatif); "
        "komentar di platform: {comments}.",
        "en": "{notes} feedback notes ({positive} positive, {neutral} neutral, {negative} "
        "negative); comments on the platforms: {comments}.",
    },
    "report.s.training_none": {
        "id": "Modul pelatihan belum terpasang di instalasi ini, sehingga angka pelatihan "
        "belum dapat dilaporkan.",
        "en": "This installation has no training module yet, so there are no training "
        "figures to report.",
    },
    "report.s.training_zero": {
        "id": "Tidak ada sesi pelatihan pada {month}.",
        "en": "No training sessions were held in {month}.",
    },
    "report.s.training": {
        "id": "{sessions} sesi pelatihan dengan {attendees} peserta; {exercises} latihan "
        "dikerjakan.",
        "en": "{sessions} training sessions with {attendees} attendees; {exercises} exercises "
        "done.",
    },
    "report.s.followers_gap": {
        "id": "Jumlah pengikut {month} tidak dilaporkan.",
        "en": "Follower counts for {month} were not reported.",
    },
    "report.email_body": {
        "id": "Terlampir laporan bulanan media sosial perpustakaan untuk {month}.\n\n"
        "Dikirim otomatis oleh planner setiap awal bulan.",
        "en": "Attached is the library's monthly social media report for {month}.\n\n"
        "Sent automatically by planner at the start of every month.",
    },
    # -- the download page and the command line
    "report.nav": {"id": "Laporan bulanan", "en": "Monthly report"},
    "report.header": {"id": "Laporan bulanan", "en": "Monthly report"},
    "report.intro": {
        "id": "Laporan satu bulan untuk kepala perpustakaan: ringkasan, grafik, unggahan "
        "teratas, dan tiga indikator program, dengan satu kalimat penjelas per bagian.",
        "en": "One month's report for the head of the library: summary, charts, top posts and "
        "the programme's three indicators, with one explaining sentence per section.",
    },
    "report.month": {"id": "Bulan", "en": "Month"},
    "report.language": {"id": "Bahasa laporan", "en": "Report language"},
    "report.format": {"id": "Format", "en": "Format"},
    "report.make": {"id": "Buat laporan", "en": "Make the report"},
    "report.download": {"id": "Unduh {name}", "en": "Download {name}"},
    "report.ready": {
        "id": "Laporan {month} siap diunduh ({size}).",
        "en": "The report for {month} is ready to download ({size}).",
    },
    "report.format.pdf": {"id": "PDF (untuk dicetak)", "en": "PDF (to print)"},
    "report.format.xlsx": {"id": "XLSX (satu lembar per tabel)", "en": "XLSX (a sheet per table)"},
    "report.format.csv": {"id": "CSV (tabel ringkasan)", "en": "CSV (summary table)"},
    "report.bad_format": {
        "id": "Format '{format}' tidak dikenal; pilih pdf, xlsx, atau csv.",
        "en": "Unknown format '{format}'; choose pdf, xlsx or csv.",
    },
    "report.bad_lang": {
        "id": "Bahasa '{lang}' tidak dikenal; pilih id atau en.",
        "en": "Unknown language '{lang}'; choose id or en.",
    },
}
