"""Strings pages show when a role may see something but not change it."""

STRINGS: dict[str, dict[str, str]] = {
    "app.not_for_role": {
        "id": "Halaman ini bukan untuk peran Anda.",
        "en": "This page is not for your role.",
    },
    "brand.read_only": {
        "id": "Hanya manajer dan admin yang dapat mengubah identitas visual.",
        "en": "Only managers and admins can change the brand kit.",
    },
    "roles.sandbox_only": {
        "id": "Sebagai peserta pelatihan Anda hanya dapat memakai akun latihan (sandbox).",
        "en": "As a trainee you can use training (sandbox) accounts only.",
    },
    "roles.no_sandbox_accounts": {
        "id": "Belum ada akun latihan (sandbox) untuk Anda; minta pelatih membuatnya.",
        "en": "There is no training (sandbox) account for you yet; ask a trainer to add one.",
    },
    "roles.read_only": {
        "id": "Anda dapat melihat, tetapi peran Anda tidak dapat mengubahnya.",
        "en": "You can look, but your role cannot change this.",
    },
}
