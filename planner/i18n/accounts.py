"""Strings of the accounts page and live platforms."""

STRINGS: dict[str, dict[str, str]] = {
    "nav.accounts": {"id": "Akun", "en": "Accounts"},
    "settings.accounts_link": {
        "id": "Kelola akun media sosial di halaman Akun",
        "en": "Manage social media accounts on the Accounts page",
    },
    "accounts.header": {"id": "Akun media sosial", "en": "Social media accounts"},
    "accounts.intro": {
        "id": "Hubungkan akun X, Halaman Facebook, dan Instagram perpustakaan. Token diuji "
        "sebelum disimpan, disimpan terenkripsi, dan tidak pernah ditampilkan lagi.",
        "en": "Connect the library's X, Facebook Page and Instagram accounts. Tokens are "
        "tested before they are saved, stored encrypted, and never shown again.",
    },
    "accounts.none": {"id": "Belum ada akun.", "en": "No accounts yet."},
    "accounts.sandbox_add": {"id": "Tambah akun latihan", "en": "Add a training account"},
    "accounts.sandbox_help": {
        "id": "Akun latihan (sandbox) tidak pernah mengirim apa pun: unggahan hanya dicatat. "
        "Peserta pelatihan hanya dapat memakai akun seperti ini.",
        "en": "A training (sandbox) account never sends anything: posts are only recorded. "
        "Trainees can use only accounts like this.",
    },
    "accounts.sandbox_added": {
        "id": "Akun latihan {name} ditambahkan.",
        "en": "Training account {name} added.",
    },
    "accounts.admin_only": {
        "id": "Hanya admin yang menghubungkan, menghubungkan ulang, atau memutus akun media "
        "sosial.",
        "en": "Only an admin connects, reconnects or disconnects social media accounts.",
    },
    "accounts.dry_run_badge": {"id": "Uji coba", "en": "Dry run"},
    "accounts.status.active": {"id": "Aktif", "en": "Active"},
    "accounts.status.reconnect_needed": {"id": "Perlu dihubungkan ulang", "en": "Reconnect needed"},
    "accounts.status.disconnected": {"id": "Terputus", "en": "Disconnected"},
    "accounts.reason": {
        "id": "Publikasi ke akun ini berhenti. Alasan: {reason}",
        "en": "Publishing to this account has stopped. Reason: {reason}",
    },
    "accounts.waiting": {
        "id": "{n} unggahan terjadwal menunggu akun ini.",
        "en": "{n} scheduled post(s) are waiting for this account.",
    },
    "accounts.test": {"id": "Tes koneksi", "en": "Test connection"},
    "accounts.test_ok": {"id": "Terhubung sebagai {who}.", "en": "Connected as {who}."},
    "accounts.test_failed": {"id": "Koneksi gagal: {reason}", "en": "Connection failed: {reason}"},
    "accounts.dry_run": {"id": "Uji coba (tidak mengirim)", "en": "Dry run (send nothing)"},
    "accounts.dry_run_help": {
        "id": "Unggahan disiapkan dan diperiksa persis seperti aslinya, lalu permintaannya "
        "disimpan di sini alih-alih dikirim.",
        "en": "Posts are built and checked exactly as for real, then the requests are saved "
        "here instead of being sent.",
    },
    "accounts.dry_run_on": {"id": "Uji coba aktif.", "en": "Dry run is on."},
    "accounts.dry_run_off": {
        "id": "Uji coba nonaktif: unggahan akan benar-benar dipublikasikan.",
        "en": "Dry run is off: posts will really be published.",
    },
    "accounts.dry_run_records": {
        "id": "Permintaan uji coba terakhir",
        "en": "Latest dry-run requests",
    },
    "accounts.no_dry_runs": {"id": "Belum ada.", "en": "None yet."},
    "accounts.reconnect": {"id": "Hubungkan ulang", "en": "Reconnect"},
    "accounts.reconnect_help": {
        "id": "Isi token baru. Kolom yang dikosongkan memakai nilai yang tersimpan.",
        "en": "Enter the new tokens. Fields left empty keep their stored value.",
    },
    "accounts.reconnect_btn": {"id": "Simpan dan tes", "en": "Save and test"},
    "accounts.reconnected": {"id": "Akun terhubung kembali.", "en": "Account reconnected."},
    "accounts.disconnect": {"id": "Putuskan", "en": "Disconnect"},
    "accounts.disconnect_confirm": {
        "id": "Ya, hapus token akun ini",
        "en": "Yes, delete this account's tokens",
    },
    "accounts.disconnected": {
        "id": "Akun diputus; {n} unggahan terjadwal menunggu.",
        "en": "Account disconnected; {n} scheduled post(s) are waiting.",
    },
    "accounts.connect": {"id": "Hubungkan akun baru", "en": "Connect a new account"},
    "accounts.platform": {"id": "Platform", "en": "Platform"},
    "accounts.name": {"id": "Nama di planner (opsional)", "en": "Name in planner (optional)"},
    "accounts.start_dry": {
        "id": "Mulai dengan uji coba (disarankan)",
        "en": "Start in dry run (recommended)",
    },
    "accounts.connect_btn": {"id": "Tes dan hubungkan", "en": "Test and connect"},
    "accounts.connected": {"id": "Terhubung: {name}.", "en": "Connected: {name}."},
    "accounts.field.consumer_key": {"id": "API key", "en": "API key"},
    "accounts.field.consumer_secret": {"id": "API key secret", "en": "API key secret"},
    "accounts.field.access_token": {"id": "Access token", "en": "Access token"},
    "accounts.field.access_token_secret": {
        "id": "Access token secret",
        "en": "Access token secret",
    },
    "accounts.field.page_access_token": {
        "id": "Token akses Halaman (Page access token)",
        "en": "Page access token",
    },
    "accounts.field.page_id": {"id": "ID Halaman (opsional)", "en": "Page ID (optional)"},
    "accounts.field.ig_user_id": {
        "id": "ID akun Instagram profesional",
        "en": "Instagram professional account ID",
    },
    "accounts.field.handle": {
        "id": "Nama pengguna Bluesky (mis. perpuskota.bsky.social)",
        "en": "Bluesky handle (e.g. perpuskota.bsky.social)",
    },
    "accounts.field.app_password": {"id": "Kata sandi aplikasi", "en": "App password"},
    "accounts.help.threads": {
        "id": "Token akses pengguna Threads (Meta for Developers, kasus penggunaan Threads API) "
        "dengan izin threads_basic, threads_content_publish, threads_manage_insights, dan "
        "threads_manage_replies. ID profil dibaca dari token.",
        "en": "A Threads user access token (Meta for Developers, Threads API use case) with "
        "threads_basic, threads_content_publish, threads_manage_insights and "
        "threads_manage_replies. The profile ID is read from the token.",
    },
    "accounts.help.bluesky": {
        "id": "Di aplikasi Bluesky: Pengaturan → Privasi dan keamanan → Kata sandi aplikasi → "
        "Tambah. Pakai kata sandi aplikasi itu, bukan kata sandi akun.",
        "en": "In the Bluesky app: Settings → Privacy and security → App passwords → Add. Use "
        "that app password, never the account's own password.",
    },
    "accounts.help.x": {
        "id": "Di developer.x.com: buat App dengan izin Read and Write, lalu buat API key dan "
        "Access token (OAuth 1.0a) untuk akun perpustakaan.",
        "en": "At developer.x.com: create an App with Read and Write permission, then generate "
        "the API key and an Access token (OAuth 1.0a) for the library's account.",
    },
    "accounts.help.facebook": {
        "id": "Token akses Halaman dengan izin pages_manage_posts dan pages_read_engagement "
        "(Meta Business Suite atau Graph API Explorer). Token pribadi ditolak.",
        "en": "A Page access token with pages_manage_posts and pages_read_engagement (Meta "
        "Business Suite or the Graph API Explorer). A personal token is refused.",
    },
    "accounts.help.instagram": {
        "id": "Akun Instagram profesional yang terhubung ke Halaman Facebook; token dengan "
        "instagram_basic dan instagram_content_publish. ID akun: Graph API Explorer, "
        "me/accounts?fields=instagram_business_account.",
        "en": "An Instagram professional account linked to a Facebook Page; a token with "
        "instagram_basic and instagram_content_publish. Account ID: Graph API Explorer, "
        "me/accounts?fields=instagram_business_account.",
    },
    "accounts.public_media": {
        "id": "Alamat publik gambar (untuk Instagram)",
        "en": "Public image address (for Instagram)",
    },
    "accounts.public_media_help": {
        "id": "Instagram mengambil sendiri setiap gambar dari alamat internet. planner menyalin "
        "gambar yang akan dipublikasikan ke folder {folder} dengan nama acak yang tidak bisa "
        "ditebak. "
        "Sajikan folder itu lewat server web (atau static serving Streamlit) dan isi "
        "PUBLIC_MEDIA_BASE_URL dengan alamatnya. Tanpa itu, unggahan Instagram tidak bisa "
        "dijadwalkan.",
        "en": "Instagram downloads every image itself from an internet address. planner copies "
        "each image it publishes into {folder} under a random, unguessable name. Serve that "
        "folder with a web server (or Streamlit's static serving) and set "
        "PUBLIC_MEDIA_BASE_URL to its address. Without it, Instagram posts cannot be "
        "scheduled.",
    },
    "accounts.public_ok": {
        "id": "Gambar untuk Instagram diambil dari {url}.",
        "en": "Instagram fetches images from {url}.",
    },
    "accounts.public_test": {"id": "Tes alamat publik", "en": "Test the public address"},
    "accounts.public_test_ok": {
        "id": "Gambar uji dapat diambil dari {url}.",
        "en": "The probe image could be fetched from {url}.",
    },
    "accounts.public_test_failed": {"id": "Gagal: {reason}", "en": "Failed: {reason}"},
    "accounts.missing": {
        "id": "Isi dulu: {fields}. Demi keamanan, token yang sudah diketik perlu diketik lagi.",
        "en": "Fill in first: {fields}. For safety, tokens already typed must be typed again.",
    },
    "accounts.public_issue.unset": {
        "id": "PUBLIC_MEDIA_BASE_URL belum diisi, jadi unggahan Instagram sungguhan belum bisa "
        "dijadwalkan.",
        "en": "PUBLIC_MEDIA_BASE_URL is not set, so real Instagram posts cannot be scheduled yet.",
    },
    "accounts.public_issue.not_http": {
        "id": "PUBLIC_MEDIA_BASE_URL harus alamat http(s), bukan {url!r}.",
        "en": "PUBLIC_MEDIA_BASE_URL must be an http(s) address, not {url!r}.",
    },
    "accounts.public_issue.local_name": {
        "id": "PUBLIC_MEDIA_BASE_URL menunjuk ke {host}, yang tidak bisa dijangkau Instagram.",
        "en": "PUBLIC_MEDIA_BASE_URL points at {host}, which Instagram cannot reach.",
    },
    "accounts.public_issue.private_ip": {
        "id": "PUBLIC_MEDIA_BASE_URL menunjuk ke {host}, alamat jaringan lokal yang tidak bisa "
        "dijangkau Instagram.",
        "en": "PUBLIC_MEDIA_BASE_URL points at {host}, a private address Instagram cannot reach.",
    },
}
