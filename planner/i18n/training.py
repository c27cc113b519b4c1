"""Training mode: checklist items and advice, lessons, exercises, sessions (id + en)."""

_ITEMS = {
    "length": ("Panjang teks per platform", "Length per platform"),
    "hashtags": ("Tagar (1–5)", "Hashtags (1–5)"),
    "call_to_action": ("Ajakan bertindak", "Call to action"),
    "event_facts": ("Tanggal, jam dan tempat acara", "Event date, time and place"),
    "alt_text": ("Teks alternatif gambar", "Image alt text"),
    "contrast": ("Kontras teks di gambar", "Image text contrast"),
    "capitals": ("Tanpa huruf kapital berlebihan", "No shouting in capitals"),
    "link": ("Tautan", "Link"),
    "image_size": ("Ukuran gambar", "Image size"),
}
_CHECKS = {
    "length.ok": ("Panjang teks pas untuk setiap platform.", "The text fits every platform."),
    "length.empty": ("Teks untuk {platform} masih kosong.", "The {platform} text is empty."),
    "length.over": (
        "Teks {platform} kelebihan {over} karakter; persingkat kalimat pembuka.",
        "The {platform} text is {over} characters too long; shorten the opening.",
    ),
    "hashtags.ok": ("Jumlah tagar sudah pas.", "A good number of hashtags."),
    "hashtags.none": (
        "Tambahkan 1–5 tagar di {platform}, misalnya #PerpusKotaPekalongan.",
        "Add 1–5 hashtags on {platform}, e.g. #PerpusKotaPekalongan.",
    ),
    "hashtags.many": (
        "{count} tagar di {platform} terlalu banyak; pilih paling banyak 5 yang relevan.",
        "{count} hashtags on {platform} are too many; keep at most 5 relevant ones.",
    ),
    "hashtags.repeated": (
        "Ada tagar yang diulang di {platform}; cukup sekali.",
        "A hashtag is repeated on {platform}; once is enough.",
    ),
    "cta.ok": ("Ada ajakan yang jelas.", "There is a clear call to action."),
    "cta.missing": (
        "Teks {platform} belum mengajak bertindak; tutup dengan 'Yuk datang' atau 'Daftar di …'.",
        "The {platform} text does not ask readers to act; end with 'Come along' or 'Register …'.",
    ),
    "event.ok": ("Tanggal, jam dan tempat disebut.", "Date, time and place are given."),
    "event.na": ("Latihan ini bukan pengumuman acara.", "This exercise is not an event notice."),
    "event.no_date": (
        "Teks {platform} belum menyebut tanggal acara (mis. Sabtu, 6 Desember).",
        "The {platform} text does not give the date (e.g. Saturday 6 December).",
    ),
    "event.no_time": (
        "Teks {platform} belum menyebut jam acara (mis. pukul 09.00 WIB).",
        "The {platform} text does not give the time (e.g. 09.00 WIB).",
    ),
    "event.no_place": (
        "Teks {platform} belum menyebut tempat acara.",
        "The {platform} text does not say where the event is.",
    ),
    "alt.ok": ("Teks alternatif menggambarkan gambarnya.", "The alt text describes the image."),
    "alt.na": ("Tidak ada gambar.", "No image."),
    "alt.missing": (
        "Tulis teks alternatif: siapa, apa dan di mana yang tampak di gambar.",
        "Write alt text: who, what and where the image shows.",
    ),
    "alt.file_name": (
        "Nama berkas bukan teks alternatif; gambarkan isi gambarnya.",
        "A file name is not alt text; describe what the image shows.",
    ),
    "alt.placeholder": (
        "“{alt}” tidak menggambarkan apa pun; tulis apa yang tampak di gambar.",
        "“{alt}” describes nothing; say what the image shows.",
    ),
    "alt.caption": (
        "Teks alternatif menyalin keterangan; gambarkan gambarnya, bukan isi unggahan.",
        "The alt text copies the caption; describe the picture, not the post.",
    ),
    "contrast.ok": (
        "Kontras teks di gambar {ratio}:1, terbaca dengan baik.",
        "Image text contrast is {ratio}:1, easy to read.",
    ),
    "contrast.low": (
        "Kontras teks di gambar hanya {ratio}:1 (perlu 4,5:1); beri lapisan gelap atau warna lain.",
        "Image text contrast is only {ratio}:1 (needs 4.5:1); add a dark layer or change colours.",
    ),
    "contrast.na": (
        "Kontras hanya diukur untuk gambar dari studio gambar.",
        "Contrast is measured only for images made in the image studio.",
    ),
    "capitals.ok": ("Huruf kapital dipakai wajar.", "Capitals are used sparingly."),
    "capitals.shouting": (
        "Teks {platform} kebanyakan HURUF KAPITAL , terbaca seperti berteriak; pakai huruf biasa.",
        "The {platform} text is mostly CAPITALS and reads as shouting; use normal case.",
    ),
    "link.ok": ("Tautan sudah ada.", "The link is there."),
    "link.na": ("Latihan ini tidak meminta tautan.", "This exercise asks for no link."),
    "link.missing": (
        "Latihan ini meminta tautan (mis. pendaftaran); tambahkan.",
        "This exercise asks for a link (e.g. registration); add it.",
    ),
    "size.ok": ("Ukuran gambar {size} pas untuk platformnya.", "The {size} image fits."),
    "size.na": ("Tidak ada gambar.", "No image."),
    "size.required": ("{platform} wajib memakai gambar.", "{platform} needs an image."),
    "size.small": (
        "Gambar hanya {width} piksel lebarnya; pakai paling sedikit {min} piksel.",
        "The image is only {width} pixels wide; use at least {min}.",
    ),
    "size.cropped": (
        "{platform} memotong gambar ini di linimasa; pakai ukuran dari studio gambar.",
        "{platform} crops this image in the feed; use a size from the image studio.",
    ),
}

_ERRORS = {
    "no_account": (
        "Pilih paling sedikit satu akun latihan.",
        "Pick at least one training account.",
    ),
    "live_account": (
        "{account} adalah akun sungguhan; latihan hanya boleh ke akun latihan (sandbox).",
        "{account} is a live account; practice goes to training (sandbox) accounts only.",
    ),
    "wrong_platform": (
        "Akun {account} bukan untuk platform latihan ini.",
        "The account {account} is not for this exercise's platforms.",
    ),
    "no_exercise": ("Latihan {exercise_id} tidak ada.", "There is no exercise {exercise_id}."),
    "no_submission": ("Jawaban {submission_id} tidak ada.", "There is no answer {submission_id}."),
    "already_promoted": (
        "Jawaban ini sudah dijadikan draf sungguhan.",
        "This answer has already become a real draft.",
    ),
    "bad_score": ("Nilai harus antara 0 dan 100.", "The score must be between 0 and 100."),
    "comment_needed": (
        "Tulis komentar: apa yang perlu diperbaiki.",
        "Write a comment saying what to change.",
    ),
    "promote_accounts": (
        "Pilih akun tujuan yang platformnya ada di jawaban ini.",
        "Pick accounts on the platforms this answer was written for.",
    ),
    "image_spec": (
        "Gambar dari studio tidak bisa digambar ulang (tata letak, ukuran atau judul salah).",
        "The studio image cannot be drawn again (layout, size or title is wrong).",
    ),
    "session_topic": ("Sesi pelatihan perlu topik.", "A training session needs a topic."),
    "no_session": ("Sesi pelatihan {session_id} tidak ada.", "There is no session {session_id}."),
    "attendee_name": (
        "Peserta perlu nama atau akun pengguna.",
        "An attendee needs a name or a user account.",
    ),
    "bad_month": ("Bulan harus berbentuk TTTT-BB.", "The month must look like YYYY-MM."),
}

STRINGS: dict[str, dict[str, str]] = {
    **{f"training.error.{k}": {"id": v[0], "en": v[1]} for k, v in _ERRORS.items()},
    **{f"training.item.{k}": {"id": v[0], "en": v[1]} for k, v in _ITEMS.items()},
    **{f"training.check.{k}": {"id": v[0], "en": v[1]} for k, v in _CHECKS.items()},
}
