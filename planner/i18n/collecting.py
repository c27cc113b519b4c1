"""Strings of collecting figures: refreshing on demand and the tagged links in previews."""

STRINGS: dict[str, dict[str, str]] = {
    "collect.error.no_post": {
        "id": "Unggahan #{post} tidak ditemukan; angkanya tidak dapat diperbarui.",
        "en": "Post #{post} was not found; its figures cannot be refreshed.",
    },
    "collect.refresh": {"id": "Perbarui angka", "en": "Refresh figures"},
    "collect.refresh.help": {
        "id": "Minta angka interaksi terbaru unggahan ini dan jumlah pengikut akunnya sekarang.",
        "en": "Ask the platforms now for this post's latest engagement and its accounts' "
        "followers.",
    },
    "collect.refreshed": {
        "id": "Angka diperbarui: {snapshots} cuplikan unggahan, {audience} akun.",
        "en": "Figures refreshed: {snapshots} post snapshot(s), {audience} account(s).",
    },
    "collect.refresh.none": {
        "id": "Belum ada angka: unggahan ini belum terpublikasi atau platformnya tidak menjawab.",
        "en": "No figures yet: this post is not published or its platform did not answer.",
    },
    "utm.tagged": {
        "id": "Tautan diberi penanda UTM agar kunjungan dari unggahan ini terhitung: {links}",
        "en": "Links are tagged with UTM parameters so visits from this post are counted: {links}",
    },
}
