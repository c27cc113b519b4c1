"""Strings of sign-in, people, roles, permissions, review and the audit log."""

STRINGS: dict[str, dict[str, str]] = {
    "role.admin": {"id": "Admin", "en": "Admin"},
    "role.manager": {"id": "Manajer", "en": "Manager"},
    "role.staff": {"id": "Staf promosi", "en": "Promotion staff"},
    "role.trainer": {"id": "Pelatih", "en": "Trainer"},
    "role.trainee": {"id": "Peserta pelatihan", "en": "Trainee"},
    "people.denied": {
        "id": "Peran {role} tidak diizinkan: {action}.",
        "en": "The {role} role may not do this: {action}.",
    },
    "people.denied.not_own": {
        "id": "Peran {role} hanya boleh melakukannya pada milik sendiri: {action}.",
        "en": "The {role} role may do this only to their own work: {action}.",
    },
    "people.denied.live_account": {
        "id": "Peran {role} hanya boleh memakai akun latihan (sandbox), bukan akun sungguhan: "
        "{action}.",
        "en": "The {role} role may use training (sandbox) accounts only, never a live account: "
        "{action}.",
    },
    "people.denied.signed_out": {
        "id": "Silakan masuk terlebih dahulu: {action}.",
        "en": "Please sign in first: {action}.",
    },
    "people.denied.own_post": {
        "id": "Unggahan sendiri tidak dapat disetujui sendiri: {action}.",
        "en": "You cannot approve your own post: {action}.",
    },
    "people.user.unknown": {"id": "Pengguna {name} tidak ada.", "en": "There is no user {name}."},
    "people.user.exists": {"id": "Pengguna {name} sudah ada.", "en": "User {name} already exists."},
    "people.user.bad_name": {
        "id": "Nama pengguna {name} tidak sah: pakai huruf, angka, titik, garis bawah "
        "atau tanda hubung.",
        "en": "User name {name} is not valid: use letters, digits, dots, underscores or hyphens.",
    },
    "people.user.bad_role": {
        "id": "Peran {role} tidak dikenal (admin, manager, staff, trainer, trainee).",
        "en": "Unknown role {role} (admin, manager, staff, trainer, trainee).",
    },
    "people.user.last_admin": {
        "id": "Admin terakhir tidak dapat dinonaktifkan atau diubah perannya.",
        "en": "The last admin cannot be disabled or given another role.",
    },
    "people.password.too_short": {
        "id": "Kata sandi minimal 10 karakter.",
        "en": "A password needs at least 10 characters.",
    },
    "people.password.has_username": {
        "id": "Kata sandi tidak boleh memuat nama pengguna.",
        "en": "A password must not contain the user name.",
    },
    "people.password.demo": {
        "id": "Kata sandi demo tidak boleh dipakai.",
        "en": "A demo password cannot be used.",
    },
    "people.password.mismatch": {
        "id": "Kedua kata sandi tidak sama.",
        "en": "The two passwords differ.",
    },
}

# Readable names for the actions (shown in refusals and the audit log).
_ACTION_NAMES = {
    "DRAFT_POST": ("membuat draf", "drafting a post"),
    "EDIT_POST": ("mengubah unggahan", "editing a post"),
    "SUBMIT_POST": ("mengajukan untuk ditinjau", "submitting for review"),
    "SCHEDULE_POST": ("menjadwalkan unggahan", "scheduling a post"),
    "RESCHEDULE_POST": ("memindah jadwal", "rescheduling a post"),
    "CANCEL_POST": ("membatalkan unggahan", "cancelling a post"),
    "DELETE_POST": ("menghapus unggahan", "deleting a post"),
    "RETRY_POST": ("mencoba kirim ulang", "retrying a post"),
    "COMMENT_POST": ("memberi komentar", "commenting"),
    "APPROVE_POST": ("meninjau unggahan", "reviewing posts"),
    "APPROVE_CAMPAIGN": ("menyetujui kampanye", "approving a campaign"),
    "PLAN_CAMPAIGN": ("merencanakan kampanye", "planning a campaign"),
    "MANAGE_SERIES": ("mengatur seri berulang", "managing recurring series"),
    "IMPORT_POSTS": ("mengimpor unggahan", "importing posts"),
    "EDIT_SOURCES": ("mengubah data acara dan buku", "editing events and books"),
    "UPLOAD_MEDIA": ("mengunggah foto", "uploading images"),
    "EDIT_MEDIA": ("mengubah atau menghapus foto", "editing or deleting images"),
    "RENDER_IMAGE": ("membuat gambar", "rendering images"),
    "EDIT_TEMPLATES": ("mengubah templat", "editing templates"),
    "EDIT_BRAND": ("mengubah identitas visual", "editing the brand kit"),
    "MANAGE_ACCOUNTS": ("mengelola akun media sosial", "managing social media accounts"),
    "MANAGE_SANDBOX_ACCOUNTS": ("mengelola akun latihan", "managing training accounts"),
    "MANAGE_SLOTS": ("mengatur jam unggah", "managing posting times"),
    "MANAGE_USERS": ("mengelola pengguna", "managing users"),
    "EDIT_SETTINGS": ("mengubah pengaturan", "changing settings"),
    "VIEW_ALL_POSTS": ("melihat semua unggahan", "seeing every post"),
    "VIEW_AUDIT": ("melihat log audit", "reading the audit log"),
    "VIEW_DASHBOARD": ("melihat dasbor", "reading the dashboard"),
    "READ_INBOX": ("membaca kotak masuk", "reading the inbox"),
}
# Keyed by the Action member's name; tests/test_people.py checks every Action is here.
ACTION_NAMES = _ACTION_NAMES

STRINGS.update(
    {
        "signin.title": {"id": "Masuk ke Planner", "en": "Sign in to Planner"},
        "signin.intro": {
            "id": "Perencana konten media sosial perpustakaan. Masuk dengan akun Anda.",
            "en": "The library's social media content planner. Sign in with your account.",
        },
        "signin.username": {"id": "Nama pengguna", "en": "User name"},
        "signin.password": {"id": "Kata sandi", "en": "Password"},
        "signin.role": {"id": "Peran", "en": "Role"},
        "signin.submit": {"id": "Masuk", "en": "Sign in"},
        "signin.bad": {
            "id": "Nama pengguna atau kata sandi salah.",
            "en": "Wrong user name or password.",
        },
        "signin.disabled": {
            "id": "Akun ini dinonaktifkan. Hubungi admin perpustakaan.",
            "en": "This account is disabled. Ask the library's admin.",
        },
        "signin.wait": {
            "id": "Terlalu banyak percobaan yang salah. Coba lagi dalam {seconds} detik.",
            "en": "Too many wrong attempts. Try again in {seconds} seconds.",
        },
        "signin.code_intro": {
            "id": "{name}, masukkan kode 6 angka dari aplikasi autentikator Anda.",
            "en": "{name}, enter the 6-digit code from your authenticator app.",
        },
        "signin.code": {"id": "Kode verifikasi", "en": "Verification code"},
        "signin.verify": {"id": "Verifikasi", "en": "Verify"},
        "signin.cancel": {"id": "Batal", "en": "Cancel"},
        "signin.bad_code": {
            "id": "Kode salah atau sudah dipakai. Tunggu kode berikutnya.",
            "en": "Wrong or already used code. Wait for the next one.",
        },
        "signin.demo_title": {"id": "Akun demo", "en": "Demo accounts"},
        "signin.demo_warning": {
            "id": "DEMO: akun-akun ini memakai kata sandi yang diketahui umum. Ganti kata "
            "sandinya atau nonaktifkan sebelum dipakai sungguhan.",
            "en": "DEMO: these accounts use publicly known passwords. Change or disable them "
            "before real use.",
        },
        "signin.as": {
            "id": "Masuk sebagai **{name}** ({role})",
            "en": "Signed in as **{name}** ({role})",
        },
        "signin.signout": {"id": "Keluar", "en": "Sign out"},
    }
)
