"""Strings of the calendar, queue, inbox, planning tools, worker outcomes and notifications."""

STRINGS: dict[str, dict[str, str]] = {
    "nav.inbox": {"id": "Kotak masuk", "en": "Inbox"},
    "nav.planning": {"id": "Slot, seri & impor", "en": "Slots, series & import"},
    "calendar.view": {"id": "Tampilan", "en": "View"},
    "calendar.view_month": {"id": "Bulan", "en": "Month"},
    "calendar.view_week": {"id": "Pekan", "en": "Week"},
    "calendar.view_queue": {"id": "Antrean", "en": "Queue"},
    "calendar.day": {"id": "Tanggal", "en": "Date"},
    "calendar.prev": {"id": "◀ Sebelumnya", "en": "◀ Previous"},
    "calendar.next": {"id": "Berikutnya ▶", "en": "Next ▶"},
    "calendar.today": {"id": "Hari ini", "en": "Today"},
    "calendar.filter_platform": {"id": "Platform", "en": "Platform"},
    "calendar.filter_status": {"id": "Status", "en": "Status"},
    "calendar.filter_campaign": {"id": "Kampanye", "en": "Campaign"},
    "calendar.filter_author": {"id": "Dibuat oleh", "en": "Author"},
    "calendar.legend": {"id": "Warna menurut status", "en": "Colours by status"},
    "calendar.weekdays": {
        "id": "Sen,Sel,Rab,Kam,Jum,Sab,Min",
        "en": "Mon,Tue,Wed,Thu,Fri,Sat,Sun",
    },
    "calendar.more": {"id": "+{n} lagi", "en": "+{n} more"},
    "calendar.post": {"id": "Unggahan #{post_id}: {title}", "en": "Post #{post_id}: {title}"},
    "calendar.close": {"id": "Tutup", "en": "Close"},
    "calendar.targets": {"id": "Tujuan", "en": "Targets"},
    "calendar.attempts": {"id": "Riwayat percobaan", "en": "Attempts log"},
    "calendar.no_attempts": {"id": "Belum ada percobaan kirim.", "en": "No attempts yet."},
    "calendar.reschedule": {"id": "Jadwalkan ulang", "en": "Reschedule"},
    "calendar.rescheduled": {
        "id": "Unggahan #{post_id} dijadwalkan ulang ke {when}.",
        "en": "Post #{post_id} rescheduled to {when}.",
    },
    "calendar.next_slot": {"id": "Ke slot kosong berikutnya", "en": "To the next free slot"},
    "calendar.too_late": {
        "id": "Sudah terkirim atau sedang dikirim, tidak diubah: {targets}",
        "en": "Already sent or being sent, not changed: {targets}",
    },
    "calendar.edit": {"id": "Ubah teks", "en": "Edit texts"},
    "calendar.save": {"id": "Simpan perubahan", "en": "Save changes"},
    "calendar.saved": {
        "id": "Perubahan disimpan; yang terkirim adalah versi terbaru.",
        "en": "Saved; the latest version is what goes out.",
    },
    "calendar.resend": {"id": "Kirim lagi", "en": "Send again"},
    "calendar.drop": {"id": "Jangan kirim", "en": "Drop"},
    "calendar.mark_published": {"id": "Sudah dipublikasikan", "en": "It was published"},
    "calendar.done": {"id": "Selesai.", "en": "Done."},
    "calendar.delete": {"id": "Hapus unggahan", "en": "Delete post"},
    "calendar.delete_confirm": {
        "id": "Ya, hapus unggahan ini beserta teksnya",
        "en": "Yes, delete this post and its texts",
    },
    "calendar.col_when": {"id": "Waktu", "en": "When"},
    "calendar.col_post": {"id": "Unggahan", "en": "Post"},
    "calendar.rows_open": {
        "id": "Pilih baris untuk membuka unggahannya.",
        "en": "Select a row to open its post.",
    },
    "calendar.col_account": {"id": "Akun", "en": "Account"},
    "calendar.col_status": {"id": "Status", "en": "Status"},
    "calendar.col_error": {"id": "Keterangan", "en": "Details"},
    "calendar.col_worker": {"id": "Pengirim", "en": "Worker"},
    "calendar.col_outcome": {"id": "Hasil", "en": "Outcome"},
    "attempt.started": {"id": "sedang dikirim", "en": "sending"},
    "attempt.sent": {"id": "terkirim", "en": "sent"},
    "attempt.found": {"id": "ditemukan di platform", "en": "found on the platform"},
    "attempt.not_sent": {"id": "tidak terkirim", "en": "not sent"},
    "attempt.failed": {"id": "gagal", "en": "failed"},
    "attempt.unknown": {"id": "belum pasti", "en": "unclear"},
    "inbox.header": {"id": "Kotak masuk", "en": "Inbox"},
    "inbox.unread_only": {"id": "Hanya yang belum dibaca", "en": "Unread only"},
    "inbox.mark_all": {"id": "Tandai semua sudah dibaca", "en": "Mark all as read"},
    "inbox.mark_read": {"id": "Sudah dibaca", "en": "Mark as read"},
    "inbox.empty": {"id": "Tidak ada pesan.", "en": "No messages."},
    "inbox.unread": {"id": "{n} belum dibaca", "en": "{n} unread"},
    "inbox.open_post": {"id": "Buka unggahan #{post_id}", "en": "Open post #{post_id}"},
    "planning.header": {"id": "Slot, seri & impor", "en": "Slots, series & import"},
    "planning.slots": {"id": "Slot unggah per akun", "en": "Posting slots per account"},
    "planning.slots_help": {
        "id": "Contoh: Sen-Sab 09:00,16:00; Min 10:00 (jam {zone})",
        "en": "Example: Mon-Sat 09:00,16:00; Sun 10:00 ({zone} time)",
    },
    "planning.account": {"id": "Akun", "en": "Account"},
    "planning.save_slots": {"id": "Simpan slot", "en": "Save slots"},
    "planning.next_free": {"id": "Slot kosong berikutnya: {when}", "en": "Next free slot: {when}"},
    "planning.series": {"id": "Unggahan berulang", "en": "Recurring posts"},
    "planning.series_name": {"id": "Nama seri", "en": "Series name"},
    "planning.series_text": {"id": "Teks (semua platform)", "en": "Text (all platforms)"},
    "planning.series_first": {"id": "Kemunculan pertama", "en": "First occurrence"},
    "planning.series_days": {"id": "Hari", "en": "Days"},
    "planning.series_same_day": {
        "id": "Hari yang sama dengan kemunculan pertama",
        "en": "The same day as the first occurrence",
    },
    "planning.series_create": {"id": "Buat seri", "en": "Create series"},
    "planning.series_created": {
        "id": "Seri #{series_id} dibuat; {n} unggahan dijadwalkan.",
        "en": "Series #{series_id} created; {n} post(s) scheduled.",
    },
    "planning.series_stop": {"id": "Hentikan seri", "en": "Stop series"},
    "planning.series_next": {"id": "Berikutnya: {when}", "en": "Next: {when}"},
    "planning.import": {"id": "Jadwalkan massal dari CSV", "en": "Bulk scheduling from CSV"},
    "planning.import_help": {
        "id": "Satu baris per unggahan: date, time (atau 'next slot'), accounts, text, atau "
        "template + event/item, image, atau layout. Lihat docs/scheduling.md.",
        "en": "One row per post: date, time (or 'next slot'), accounts, text or template + "
        "event/item, image or layout. See docs/scheduling.md.",
    },
    "planning.csv": {"id": "Berkas CSV", "en": "CSV file"},
    "planning.images": {"id": "Gambar yang disebut di CSV", "en": "Images named in the CSV"},
    "planning.dry_run": {
        "id": "Periksa saja, jangan jadwalkan",
        "en": "Check only, schedule nothing",
    },
    "planning.run_import": {"id": "Impor", "en": "Import"},
    "planning.import_result": {
        "id": "{scheduled} dijadwalkan, {exists} sudah pernah diimpor, {refused} ditolak.",
        "en": "{scheduled} scheduled, {exists} already imported, {refused} refused.",
    },
    "planning.check_result": {
        "id": "Diperiksa saja, belum ada yang dijadwalkan: {ok} siap, {exists} sudah pernah "
        "diimpor, {refused} ditolak.",
        "en": "Checked only, nothing scheduled yet: {ok} ready, {exists} already imported, "
        "{refused} refused.",
    },
    "planning.col_post": {"id": "Unggahan", "en": "Post"},
    "planning.col_due": {"id": "Jadwal", "en": "Due"},
    "planning.col_errors": {"id": "Masalah", "en": "Problems"},
    "planning.row.scheduled": {"id": "Dijadwalkan", "en": "Scheduled"},
    "planning.row.exists": {"id": "Sudah ada", "en": "Already there"},
    "planning.row.refused": {"id": "Ditolak", "en": "Refused"},
    "planning.row.ok": {"id": "Siap", "en": "Ready"},
    "notify.subject.info": {"id": "Info", "en": "Info"},
    "notify.subject.warning": {"id": "Perlu diperiksa", "en": "Needs attention"},
    "notify.subject.error": {"id": "Gagal dipublikasikan", "en": "Publishing failed"},
    "notify.failed": {
        "id": "Unggahan #{post_id} ke {platform} ({account}) gagal: {reason}.",
        "en": "Post #{post_id} to {platform} ({account}) failed: {reason}.",
    },
    "notify.unknown": {
        "id": "Unggahan #{post_id} ke {platform} ({account}): belum pasti terkirim ({reason}). "
        "Planner mengecek ke platform; bila tidak ditemukan, pilih Kirim lagi atau Jangan kirim.",
        "en": "Post #{post_id} to {platform} ({account}): unclear whether it went out "
        "({reason}). Planner is checking with the platform; if it is not found, choose Send "
        "again or Drop.",
    },
    "notify.missed": {
        "id": "Unggahan #{post_id} ke {platform} ({account}) dijadwalkan {due_at} tetapi tidak "
        "terkirim dalam {minutes} menit (proses pengirim berhenti atau komputer dalam mode "
        "tidur). Kirim sekarang atau jangan kirim.",
        "en": "Post #{post_id} to {platform} ({account}) was due {due_at} but was not sent "
        "within {minutes} minutes (worker down or machine asleep). Send it now or drop it.",
    },
    "notify.reconnect": {
        "id": "Akun {account} ({platform}) perlu dihubungkan ulang: {reason}. Antrean akun ini "
        "ditahan sampai akun dihubungkan ulang.",
        "en": "Account {account} ({platform}) needs reconnecting: {reason}. Its queue waits "
        "until then.",
    },
    "notify.reconciled": {
        "id": "Unggahan #{post_id} ({platform}) ditemukan di platform dan ditandai terpublikasi.",
        "en": "Post #{post_id} ({platform}) was found on the platform and marked published.",
    },
    "notify.unconfirmed": {
        "id": "Unggahan #{post_id} ({platform}, {account}) tidak ditemukan setelah {checks} kali "
        "pemeriksaan. Periksa platform, lalu pilih Kirim lagi atau Jangan kirim.",
        "en": "Post #{post_id} ({platform}, {account}) was not found after {checks} checks. "
        "Look on the platform, then choose Send again or Drop.",
    },
    "notify.quota": {
        "id": "Batas harian {account} tercapai ({cap} unggahan per 24 jam): unggahan #{post_id} "
        "menunggu sampai {next_at}.",
        "en": "Daily limit for {account} reached ({cap} posts per 24 hours): post #{post_id} "
        "waits until {next_at}.",
    },
    "notify.series_failed": {
        "id": "Seri “{series}” tidak dapat menjadwalkan unggahan berikutnya: {detail}. Perbaiki "
        "seri atau akunnya; jadwal yang terlewat sementara itu tidak dikirim.",
        "en": "Series “{series}” cannot schedule its next posts: {detail}. Fix the series or "
        "its accounts; occurrences that pass meanwhile are not sent.",
    },
    "notify.sent_anyway": {
        "id": "Unggahan #{post_id} ({platform}) ternyata terkirim ({remote_id}) padahal sudah "
        "diubah statusnya. Periksa platform.",
        "en": "Post #{post_id} ({platform}) went out ({remote_id}) although its status had been "
        "changed meanwhile. Check the platform.",
    },
    "reason.transient": {
        "id": "platform sedang bermasalah, tidak ada yang terkirim",
        "en": "the platform had a temporary problem, nothing was sent",
    },
    "reason.rate_limited": {
        "id": "terlalu banyak permintaan ke platform",
        "en": "too many requests to the platform",
    },
    "reason.auth_expired": {
        "id": "izin akses akun tidak berlaku lagi",
        "en": "the account's access is no longer valid",
    },
    "reason.rejected": {
        "id": "platform menolak isi unggahan",
        "en": "the platform refused the content",
    },
    "reason.unknown": {
        "id": "tidak ada jawaban dari platform",
        "en": "no answer was received from the platform",
    },
    "reason.setup": {
        "id": "akun ini belum bisa dipakai untuk menerbitkan",
        "en": "this account cannot publish yet",
    },
    "reason.error": {"id": "kesalahan", "en": "error"},
    "reason.missed": {
        "id": "tidak terkirim pada waktunya (pengirim otomatis tidak berjalan)",
        "en": "not sent in time (the publishing worker was not running)",
    },
    "reason.quota": {
        "id": "batas unggahan harian akun ini tercapai",
        "en": "this account's daily posting cap was reached",
    },
    # Refusals of scheduling, reschedule, cancel and the one-click decisions (str() is the en).
    "scheduling.error.slot_time": {
        "id": "“{value}” bukan jam; tulis JJ.MM, misalnya 09.00",
        "en": "not a time of day: “{value}” (use HH:MM, e.g. 09:00)",
    },
    "scheduling.error.slot_day": {
        "id": "“{value}” bukan nama hari; tulis misalnya Sen, Sel-Sab, atau Mon-Fri",
        "en": "not a day of the week: “{value}” (e.g. Mon, Tue-Sat)",
    },
    "scheduling.error.slot_no_times": {
        "id": "“{part}” belum menyebut jamnya, misalnya “{part} 09.00”",
        "en": "missing times in “{part}”, e.g. “{part} 09:00”",
    },
    "scheduling.error.slot_weekday": {
        "id": "Hari harus 0 (Senin) sampai 6 (Minggu), bukan {weekday}",
        "en": "weekday must be 0 (Monday) to 6 (Sunday), not {weekday}",
    },
    "campaign.error.all_past": {
        "id": "Semua tahap kampanye ini sudah lewat; tidak ada unggahan yang dijadwalkan.",
        "en": "Every step of this campaign is already in the past; nothing to schedule.",
    },
    "scheduling.error.no_zone": {
        "id": "Waktu publikasi perlu zona waktu.",
        "en": "the publish time needs a time zone",
    },
    "scheduling.error.past": {
        "id": "Waktu itu sudah lewat; publikasikan sekarang?",
        "en": "that time has already passed; publish now instead?",
    },
    "scheduling.error.no_time": {
        "id": "Perlu waktu publikasi (atau 'Tambahkan ke antrean').",
        "en": "a publish time is needed (or 'add to queue')",
    },
    "scheduling.error.no_account": {
        "id": "Tidak ada akun dengan nomor {account_id}",
        "en": "no account with id {account_id}",
    },
    "scheduling.error.account_unusable": {
        "id": "{account}: akun belum bisa dipakai ({reason})",
        "en": "{account}: {reason}",
    },
    "scheduling.error.no_text": {
        "id": "{account}: belum ada teks untuk {platform}",
        "en": "{account}: no text for {platform}",
    },
    "scheduling.error.no_post": {
        "id": "Tidak ada unggahan dengan nomor {post_id}",
        "en": "no post with id {post_id}",
    },
    "scheduling.error.nothing_to_reschedule": {
        "id": "Unggahan #{post_id} tidak punya lagi bagian yang bisa dijadwal ulang",
        "en": "post {post_id} has nothing left to reschedule",
    },
    "scheduling.error.already_published": {
        "id": "Unggahan #{post_id} sudah terpublikasi dan tidak bisa dibatalkan",
        "en": "post {post_id} has already been published and cannot be cancelled",
    },
    "scheduling.error.gone_out": {
        "id": "Unggahan #{post_id} sudah (atau sedang) dipublikasikan di {platform}; batalkan "
        "saja, unggahan yang terpublikasi tetap tersimpan di riwayat",
        "en": "post {post_id} has gone out (or is going out) on {platform}; cancel it instead, "
        "published posts stay in the history",
    },
    "scheduling.error.started_now": {
        "id": "Unggahan #{post_id} baru saja mulai dikirim; batalkan saja",
        "en": "post {post_id} started going out just now; cancel it instead",
    },
    "scheduling.error.no_target": {
        "id": "Tidak ada tujuan unggahan dengan nomor {target_id}",
        "en": "no post target with id {target_id}",
    },
    "scheduling.error.not_resendable": {
        "id": "Tujuan #{target_id} berstatus {status}; hanya yang gagal atau perlu diperiksa "
        "yang bisa dikirim lagi",
        "en": "target {target_id} is {status}; only failed or needs-attention targets can be "
        "sent again",
    },
    "scheduling.error.not_droppable": {
        "id": "Tujuan #{target_id} berstatus {status} dan tidak bisa dibatalkan",
        "en": "target {target_id} is {status} and cannot be dropped",
    },
    "scheduling.error.not_attention": {
        "id": "Tujuan #{target_id} berstatus {status}, bukan perlu diperiksa",
        "en": "target {target_id} is {status}, not needs attention",
    },
    "scheduling.error.no_slots": {
        "id": "{account} belum punya slot publikasi; tambahkan di halaman Slot, seri & impor",
        "en": "{account} has no posting slots; add some on the calendar page",
    },
    "scheduling.error.no_free_slot": {
        "id": "Tidak ada slot kosong dalam {days} hari ke depan",
        "en": "no free slot in the next {days} days",
    },
}
