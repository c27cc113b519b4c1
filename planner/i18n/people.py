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
        "id": "Nama pengguna {name} tidak sah: pakai huruf, angka, titik, garis bawah, "
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
    "RECORD_INDICATORS": ("mencatat indikator program", "recording programme indicators"),
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
    "REFRESH_METRICS": ("memperbarui angka dari platform", "refreshing figures from the platforms"),
    "READ_INBOX": ("membaca kotak masuk", "reading the inbox"),
    "TRAIN": ("mengajar pelatihan", "teaching training"),
    "PRACTISE": ("mengerjakan latihan", "practising exercises"),
}
# Keyed by the Action member's name; tests/test_people.py checks every Action is here.
ACTION_NAMES = _ACTION_NAMES

# Users, profile, second factor, audit log and policy pages (merged into STRINGS above).
STRINGS |= {
    "people.nav.users": {"id": "Pengguna", "en": "Users"},
    "people.nav.audit": {"id": "Log audit", "en": "Audit log"},
    "people.nav.profile": {"id": "Profil", "en": "Profile"},
    "people.totp.bad_code": {
        "id": "Kode tidak cocok. Periksa jam ponsel dan ketik kode yang sedang tampil.",
        "en": "The code does not match. Check the phone's clock and type the code shown now.",
    },
    "people.totp.required": {
        "id": "Peran Anda wajib memakai verifikasi dua langkah; ini tidak dapat dimatikan.",
        "en": "Your role must use two-step verification; it cannot be turned off.",
    },
    "users.header": {"id": "Pengguna", "en": "Users"},
    "users.col.username": {"id": "Nama pengguna", "en": "User name"},
    "users.col.name": {"id": "Nama tampilan", "en": "Display name"},
    "users.col.role": {"id": "Peran", "en": "Role"},
    "users.col.active": {"id": "Aktif", "en": "Active"},
    "users.col.second_factor": {"id": "Dua langkah", "en": "Two-step"},
    "users.col.demo": {"id": "Sandi demo", "en": "Demo password"},
    "users.col.last_signin": {"id": "Terakhir masuk", "en": "Last sign-in"},
    "users.add": {"id": "Tambah pengguna", "en": "Add a user"},
    "users.add_button": {"id": "Tambah", "en": "Add"},
    "users.added": {
        "id": "Pengguna {name} ditambahkan.",
        "en": "User {name} added.",
    },
    "users.password_once": {
        "id": "Kata sandi ini hanya ditampilkan sekali. Berikan kepada orangnya secara langsung; "
        "mereka dapat menggantinya di Profil.",
        "en": "This password is shown only once. Hand it to the person directly; they can change "
        "it in Profile.",
    },
    "users.manage": {"id": "Ubah pengguna", "en": "Change a user"},
    "users.pick": {"id": "Pengguna", "en": "User"},
    "users.set_role": {"id": "Ganti peran", "en": "Change role"},
    "users.role_set": {
        "id": "Peran diganti; orang tersebut perlu masuk lagi.",
        "en": "Role changed; that person needs to sign in again.",
    },
    "users.disable": {"id": "Nonaktifkan", "en": "Disable"},
    "users.disabled": {
        "id": "Pengguna dinonaktifkan; semua sesinya berakhir.",
        "en": "User disabled; all their sessions have ended.",
    },
    "users.enable": {"id": "Aktifkan lagi", "en": "Enable again"},
    "users.enabled": {"id": "Pengguna aktif kembali.", "en": "User enabled again."},
    "users.reset_password": {"id": "Buat kata sandi baru", "en": "Make a new password"},
    "users.password_reset": {
        "id": "Kata sandi baru untuk {name}; semua sesinya berakhir.",
        "en": "New password for {name}; all their sessions have ended.",
    },
    "users.reset_second_factor": {
        "id": "Hapus verifikasi dua langkah",
        "en": "Remove two-step verification",
    },
    "users.second_factor_reset": {
        "id": "Verifikasi dua langkah dihapus; orang tersebut dapat mendaftarkannya lagi.",
        "en": "Two-step verification removed; that person can set it up again.",
    },
    "profile.header": {"id": "Profil", "en": "Profile"},
    "profile.role": {"id": "Masuk sebagai {name} · {role}", "en": "Signed in as {name} · {role}"},
    "profile.display_name": {"id": "Nama tampilan", "en": "Display name"},
    "profile.email": {"id": "Alamat e-mail", "en": "E-mail address"},
    "profile.save": {"id": "Simpan", "en": "Save"},
    "profile.saved": {"id": "Profil disimpan.", "en": "Profile saved."},
    "profile.language": {"id": "Bahasa tampilan", "en": "Interface language"},
    "profile.language_save": {"id": "Pakai bahasa ini", "en": "Use this language"},
    "profile.password": {"id": "Kata sandi", "en": "Password"},
    "profile.password_current": {"id": "Kata sandi sekarang", "en": "Current password"},
    "profile.password_new": {"id": "Kata sandi baru", "en": "New password"},
    "profile.password_again": {"id": "Ulangi kata sandi baru", "en": "New password again"},
    "profile.password_change": {"id": "Ganti kata sandi", "en": "Change password"},
    "profile.password_wrong": {
        "id": "Kata sandi sekarang salah.",
        "en": "The current password is wrong.",
    },
    "profile.password_wait": {
        "id": "Terlalu banyak percobaan salah. Coba lagi dalam {seconds} detik.",
        "en": "Too many wrong tries. Try again in {seconds} seconds.",
    },
    "profile.password_changed": {
        "id": "Kata sandi diganti. Semua sesi berakhir: masuk lagi dengan kata sandi baru.",
        "en": "Password changed. Every session has ended: sign in again with the new password.",
    },
    "totp.header": {"id": "Verifikasi dua langkah", "en": "Two-step verification"},
    "totp.optional": {
        "id": "Selain kata sandi, minta kode dari aplikasi di ponsel Anda saat masuk.",
        "en": "Besides the password, ask for a code from an app on your phone when signing in.",
    },
    "totp.required": {
        "id": "Peran Anda wajib memakai verifikasi dua langkah.",
        "en": "Your role must use two-step verification.",
    },
    "totp.on": {"id": "Verifikasi dua langkah aktif.", "en": "Two-step verification is on."},
    "totp.off": {
        "id": "Verifikasi dua langkah dimatikan.",
        "en": "Two-step verification is off.",
    },
    "totp.required_cannot_disable": {
        "id": "Wajib untuk peran Anda, jadi tidak dapat dimatikan. Ponsel hilang? Minta admin "
        "menghapusnya, lalu daftarkan lagi.",
        "en": "Required for your role, so it cannot be turned off. Lost your phone? Ask an admin "
        "to remove it, then set it up again.",
    },
    "totp.disable": {"id": "Matikan", "en": "Turn off"},
    "totp.enrol.start": {"id": "Aktifkan", "en": "Turn on"},
    "totp.enrol.steps": {
        "id": "1. Pindai kode QR ini dengan aplikasi autentikator (mis. Google Authenticator, "
        "Aegis, FreeOTP).\n2. Ketik kode 6 angka yang muncul.",
        "en": "1. Scan this QR code with an authenticator app (e.g. Google Authenticator, "
        "Aegis, FreeOTP).\n2. Type the 6-digit code it shows.",
    },
    "totp.enrol.key": {
        "id": "Tidak bisa memindai? Ketik kunci ini di aplikasi:",
        "en": "Cannot scan? Type this key into the app:",
    },
    "totp.code": {"id": "Kode 6 angka", "en": "6-digit code"},
    "totp.enrol.confirm": {"id": "Konfirmasi", "en": "Confirm"},
    "totp.enrol.done": {
        "id": "Verifikasi dua langkah aktif. Mulai sekarang, masuk meminta kode dari aplikasi.",
        "en": "Two-step verification is on. From now on, signing in asks for a code from the app.",
    },
    "totp.gate.header": {"id": "Atur verifikasi dua langkah", "en": "Set up two-step verification"},
    "totp.gate.why": {
        "id": "Perpustakaan mewajibkan verifikasi dua langkah untuk peran {role}. Atur sekarang "
        "untuk melanjutkan.",
        "en": "The library requires two-step verification for the {role} role. Set it up now to "
        "continue.",
    },
    "audit.header": {"id": "Log audit", "en": "Audit log"},
    "audit.person": {"id": "Orang", "en": "Person"},
    "audit.action": {"id": "Tindakan", "en": "Action"},
    "audit.outcome": {"id": "Hasil", "en": "Outcome"},
    "audit.outcome.ok": {"id": "berhasil", "en": "done"},
    "audit.outcome.failed": {"id": "gagal", "en": "failed"},
    "audit.outcome.denied": {"id": "ditolak", "en": "refused"},
    "audit.object_type": {"id": "Jenis objek", "en": "Object type"},
    "audit.object_id": {"id": "ID objek", "en": "Object ID"},
    "audit.dates": {"id": "Tanggal", "en": "Dates"},
    "audit.col.at": {"id": "Waktu", "en": "Time"},
    "audit.col.object": {"id": "Objek", "en": "Object"},
    "audit.col.detail": {"id": "Rincian", "en": "Details"},
    "audit.count": {"id": "{count} entri", "en": "{count} entries"},
    "audit.limit": {
        "id": "Hanya {limit} entri terbaru yang ditampilkan; persempit saringan.",
        "en": "Only the newest {limit} entries are shown; narrow the filter.",
    },
    "audit.download": {"id": "Unduh CSV", "en": "Download CSV"},
    "policy.header": {"id": "Persetujuan & keamanan", "en": "Approval & security"},
    "policy.trainees_always": {
        "id": "Unggahan peserta pelatihan selalu ditinjau.",
        "en": "Trainees' posts are always reviewed.",
    },
    "policy.staff_need_approval": {
        "id": "Unggahan staf promosi perlu disetujui manajer sebelum dijadwalkan",
        "en": "Promotion staff posts need a manager's approval before scheduling",
    },
    "policy.edit_resets_approval": {
        "id": "Mengubah unggahan yang sudah disetujui mengirimnya kembali untuk ditinjau",
        "en": "Editing an approved post sends it back to review",
    },
    "policy.email_reviewers": {
        "id": "Kirim e-mail ke peninjau saat unggahan diajukan",
        "en": "E-mail reviewers when a post is submitted",
    },
    "policy.second_factor_roles": {
        "id": "Peran yang wajib memakai verifikasi dua langkah",
        "en": "Roles that must use two-step verification",
    },
    "policy.second_factor_hint": {
        "id": "Disarankan untuk peran yang dapat melakukan publikasi ke akun sungguhan "
        "(admin, manajer, staf promosi).",
        "en": "Recommended for roles that can publish to live accounts (admin, manager, "
        "promotion staff).",
    },
    "policy.no_roles": {"id": "Tidak ada", "en": "None"},
    "policy.save": {"id": "Simpan aturan", "en": "Save rules"},
    "policy.saved": {"id": "Aturan disimpan.", "en": "Rules saved."},
    "policy.yes": {"id": "ya", "en": "yes"},
    "policy.no": {"id": "tidak", "en": "no"},
}

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
