"""Strings that exist for assistive technology: image descriptions and control names."""

STRINGS: dict[str, dict[str, str]] = {
    "a11y.asset": {
        "id": "Gambar #{id} (belum ada teks alternatif)",
        "en": "Image #{id} (no alt text yet)",
    },
    "a11y.layout_preview": {
        "id": "Contoh tata letak {layout} dengan kit merek perpustakaan",
        "en": "Sample {layout} layout with the library's brand kit",
    },
    "a11y.studio_result": {
        "id": "Gambar hasil studio: {layout}, {size}",
        "en": "Image made in the studio: {layout}, {size}",
    },
    "a11y.event_photo": {"id": "Foto acara {title}", "en": "Photo of the event {title}"},
    "a11y.cover": {"id": "Sampul buku {title}", "en": "Cover of the book {title}"},
    "a11y.qr": {
        "id": "Kode QR untuk aplikasi autentikator; kuncinya tertulis di bawah",
        "en": "QR code for the authenticator app; the key is written below",
    },
    "a11y.text_for": {
        "id": "Teks {platform} dalam {language}",
        "en": "{platform} text in {language}",
    },
    "a11y.chart": {
        "id": "Diagram: {title}. Angka yang sama ada di tabel di bawahnya.",
        "en": "Chart: {title}. The same figures are in the table below it.",
    },
    "a11y.whose_drafts": {"id": "Draf yang ditampilkan", "en": "Drafts shown"},
}
