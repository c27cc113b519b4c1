"""Strings of drafts, review and approval: refusals, the checklist, the review and drafts pages."""

STRINGS: dict[str, dict[str, str]] = {
    # scheduling refused by the approval rule (planner/people/approval.py)
    "scheduling.error.needs_review": {
        "id": "Unggahan ini perlu disetujui sebelum dijadwalkan: ajukan untuk ditinjau.",
        "en": "This post must be approved before it can be scheduled: submit it for review.",
    },
    "scheduling.error.awaiting_review": {
        "id": "Unggahan ini masih menunggu tinjauan; jadwalnya berlaku setelah disetujui.",
        "en": "This post is still waiting for review; it is scheduled once approved.",
    },
    "scheduling.error.rejected": {
        "id": "Unggahan ini ditolak peninjau dan tidak dapat dijadwalkan.",
        "en": "This post was rejected by a reviewer and cannot be scheduled.",
    },
    "people.denied.practice_only": {
        "id": "Peran {role} hanya meninjau unggahan latihan peserta pelatihan (akun latihan): "
        "{action}.",
        "en": "The {role} role reviews only trainees' practice posts (sandbox accounts): {action}.",
    },
    # the review workflow's refusals
    "review.error.no_post": {
        "id": "Unggahan #{post_id} tidak ada.",
        "en": "There is no post #{post_id}.",
    },
    "review.error.no_campaign": {
        "id": "Kampanye #{campaign_id} tidak ada.",
        "en": "There is no campaign #{campaign_id}.",
    },
    "review.error.no_account": {
        "id": "Akun #{account_id} tidak ada.",
        "en": "There is no account #{account_id}.",
    },
    "review.error.no_accounts": {
        "id": "Pilih minimal satu akun.",
        "en": "Choose at least one account.",
    },
    "review.error.no_image": {
        "id": "Foto {image} tidak ada.",
        "en": "There is no image {image}.",
    },
    "review.error.not_a_draft": {
        "id": "Unggahan #{post_id} sudah dijadwalkan atau dipublikasikan; ubah lewat Kalender.",
        "en": "Post #{post_id} is already scheduled or published; edit it from the Calendar.",
    },
    "review.error.changed": {
        "id": "Unggahan #{post_id} baru saja diubah orang lain; buka ulang.",
        "en": "Post #{post_id} was just changed by someone else; open it again.",
    },
    "review.error.already_submitted": {
        "id": "Unggahan #{post_id} sudah diajukan atau disetujui.",
        "en": "Post #{post_id} has already been submitted or approved.",
    },
    "review.error.not_ready": {
        "id": "Belum dapat diajukan:",
        "en": "Cannot be submitted yet:",
    },
    "review.error.not_in_review": {
        "id": "Unggahan #{post_id} tidak sedang menunggu tinjauan.",
        "en": "Post #{post_id} is not waiting for review.",
    },
    "review.error.checklist": {
        "id": "Unggahan #{post_id} belum dapat disetujui:",
        "en": "Post #{post_id} cannot be approved yet:",
    },
    "review.error.campaign_checklist": {
        "id": "Kampanye #{campaign_id} belum dapat disetujui:",
        "en": "Campaign #{campaign_id} cannot be approved yet:",
    },
    "review.error.comment_required": {
        "id": "Tuliskan apa yang perlu diubah.",
        "en": "Say what needs to change.",
    },
    "review.error.reason_required": {
        "id": "Tuliskan alasan penolakan.",
        "en": "Give the reason for rejecting.",
    },
    "review.error.nothing_to_submit": {
        "id": "Tidak ada draf untuk diajukan.",
        "en": "There is no draft to submit.",
    },
    "review.error.nothing_to_approve": {
        "id": "Kampanye #{campaign_id} tidak punya unggahan yang menunggu tinjauan.",
        "en": "Campaign #{campaign_id} has no post waiting for review.",
    },
    "review.error.consent_note_required": {
        "id": "Catat bagaimana persetujuan diberikan (mis. formulir bertanda tangan orang tua).",
        "en": "Note how consent was given (e.g. a form signed by a parent).",
    },
    # the pre-approval checklist
    "review.check.alt_missing": {
        "id": "Foto {image} belum punya teks alternatif.",
        "en": "Image {image} has no alt text.",
    },
    "review.check.alt_placeholder": {
        "id": "Teks alternatif foto {image} (“{alt}”) tidak menggambarkan isinya; "
        "jelaskan apa yang tampak.",
        "en": "The alt text of image {image} (“{alt}”) does not describe it; say what it shows.",
    },
    "review.check.consent_missing": {
        "id": "Foto {image} menampilkan orang yang dapat dikenali tetapi persetujuan mereka "
        "belum dicatat (halaman Media).",
        "en": "Image {image} shows identifiable people but their consent is not recorded "
        "(Media page).",
    },
    "review.check.ok": {
        "id": "Daftar periksa terpenuhi: teks alternatif dan persetujuan lengkap.",
        "en": "Checklist passed: alt text and consent are in order.",
    },
    # e-mail to reviewers
    "review.notify.submitted": {
        "id": "Unggahan #{post_id} “{title}” dari {author} menunggu tinjauan.",
        "en": "Post #{post_id} “{title}” by {author} is waiting for review.",
    },
    # review states
    "review.state.": {"id": "Draf", "en": "Draft"},
    "review.state.in_review": {"id": "Menunggu tinjauan", "en": "Waiting for review"},
    "review.state.approved": {"id": "Disetujui", "en": "Approved"},
    "review.state.changes": {"id": "Perlu diperbaiki", "en": "Changes requested"},
    "review.state.rejected": {"id": "Ditolak", "en": "Rejected"},
    "review.kind.comment": {"id": "Komentar", "en": "Comment"},
    "review.kind.approved": {"id": "Disetujui", "en": "Approved"},
    "review.kind.changes": {"id": "Minta perbaikan", "en": "Changes requested"},
    "review.kind.rejected": {"id": "Ditolak", "en": "Rejected"},
    # navigation and pages
    "nav.review": {"id": "Tinjauan", "en": "Review"},
    "nav.review_count": {"id": "Tinjauan ({count})", "en": "Review ({count})"},
    "nav.drafts": {"id": "Draf", "en": "Drafts"},
    "review.header": {"id": "Tinjauan unggahan", "en": "Post review"},
    "review.intro": {
        "id": "Unggahan yang menunggu keputusan Anda. Setujui, minta perbaikan dengan komentar, "
        "atau tolak dengan alasan.",
        "en": "Posts waiting for your decision. Approve, request changes with a comment, "
        "or reject with a reason.",
    },
    "review.not_allowed": {
        "id": "Peran Anda tidak meninjau unggahan.",
        "en": "Your role does not review posts.",
    },
    "review.empty": {
        "id": "Tidak ada unggahan yang menunggu tinjauan.",
        "en": "No post is waiting for review.",
    },
    "review.item": {
        "id": "#{post_id} · {title} — {author}",
        "en": "#{post_id} · {title} — {author}",
    },
    "review.planned_for": {"id": "Rencana publikasi: {when}", "en": "Planned for: {when}"},
    "review.no_time": {
        "id": "Belum ada waktu publikasi (tetap disetujui sampai diberi waktu).",
        "en": "No publishing time yet (stays approved until it gets one).",
    },
    "review.alt_label": {"id": "Teks alternatif: {alt}", "en": "Alt text: {alt}"},
    "review.checklist": {"id": "Daftar periksa", "en": "Checklist"},
    "review.note": {"id": "Catatan (opsional)", "en": "Note (optional)"},
    "review.approve": {"id": "Setujui", "en": "Approve"},
    "review.changes_comment": {"id": "Apa yang perlu diubah?", "en": "What needs to change?"},
    "review.request_changes": {"id": "Minta perbaikan", "en": "Request changes"},
    "review.reject_reason": {"id": "Alasan penolakan", "en": "Reason for rejecting"},
    "review.reject": {"id": "Tolak", "en": "Reject"},
    "review.approved_msg": {
        "id": "Unggahan #{post_id} disetujui.",
        "en": "Post #{post_id} approved.",
    },
    "review.changes_msg": {
        "id": "Unggahan #{post_id} dikembalikan untuk diperbaiki.",
        "en": "Post #{post_id} sent back for changes.",
    },
    "review.rejected_msg": {
        "id": "Unggahan #{post_id} ditolak.",
        "en": "Post #{post_id} rejected.",
    },
    "review.campaigns": {"id": "Kampanye", "en": "Campaigns"},
    "review.campaign_item": {
        "id": "Kampanye #{campaign_id} · {name}: {count} unggahan menunggu",
        "en": "Campaign #{campaign_id} · {name}: {count} posts waiting",
    },
    "review.approve_campaign": {"id": "Setujui seluruh kampanye", "en": "Approve whole campaign"},
    "review.campaign_approved": {
        "id": "Kampanye #{campaign_id} disetujui.",
        "en": "Campaign #{campaign_id} approved.",
    },
    "review.thread": {"id": "Komentar", "en": "Comments"},
    "review.no_comments": {"id": "Belum ada komentar.", "en": "No comments yet."},
    "review.comment": {"id": "Tulis komentar", "en": "Write a comment"},
    "review.send_comment": {"id": "Kirim komentar", "en": "Send comment"},
    "review.history": {"id": "Riwayat", "en": "History"},
    "review.no_history": {"id": "Belum ada riwayat.", "en": "No history yet."},
    "review.col_when": {"id": "Waktu", "en": "When"},
    "review.col_who": {"id": "Oleh", "en": "By"},
    "review.col_action": {"id": "Tindakan", "en": "Action"},
    "review.col_outcome": {"id": "Status", "en": "Outcome"},
    "review.col_detail": {"id": "Rincian", "en": "Detail"},
    "review.status": {"id": "Status tinjauan: {state}", "en": "Review status: {state}"},
    "review.submit_campaign": {
        "id": "Ajukan kampanye untuk ditinjau",
        "en": "Submit campaign for review",
    },
    "review.campaign_submitted": {
        "id": "Kampanye #{campaign_id} ({count} unggahan) diajukan untuk ditinjau.",
        "en": "Campaign #{campaign_id} ({count} posts) submitted for review.",
    },
    # drafts page and compose
    "drafts.header": {"id": "Draf & tinjauan", "en": "Drafts & review"},
    "drafts.mine": {"id": "Draf saya", "en": "My drafts"},
    "drafts.everyone": {"id": "Semua draf", "en": "All drafts"},
    "drafts.empty": {"id": "Belum ada draf.", "en": "No drafts yet."},
    "drafts.open": {"id": "Buka di Tulis", "en": "Open in Compose"},
    "drafts.submit": {"id": "Ajukan untuk ditinjau", "en": "Submit for review"},
    "drafts.submitted": {
        "id": "Unggahan #{post_id} diajukan untuk ditinjau.",
        "en": "Post #{post_id} submitted for review.",
    },
    "drafts.row": {
        "id": "#{post_id} · {title} · {platforms} · {state}",
        "en": "#{post_id} · {title} · {platforms} · {state}",
    },
    "drafts.by": {"id": "Oleh {author} · {when}", "en": "By {author} · {when}"},
    "compose.save_draft": {"id": "Simpan sebagai draf", "en": "Save as draft"},
    "compose.submit_review": {"id": "Ajukan untuk ditinjau", "en": "Submit for review"},
    "compose.draft_saved": {
        "id": "Draf #{post_id} disimpan (belum dijadwalkan).",
        "en": "Draft #{post_id} saved (not scheduled).",
    },
    "compose.review_applies": {
        "id": "Unggahan Anda perlu disetujui sebelum dijadwalkan: ajukan untuk ditinjau; "
        "setelah disetujui, unggahan dijadwalkan pada waktu yang dipilih.",
        "en": "Your posts need approval before they are scheduled: submit for review; once "
        "approved, the post is scheduled at the chosen time.",
    },
    "compose.editing": {
        "id": "Mengubah draf #{post_id} ({state}).",
        "en": "Editing draft #{post_id} ({state}).",
    },
    "compose.stop_editing": {"id": "Tulis unggahan baru", "en": "Write a new post"},
    # media consent
    "media.shows_people": {
        "id": "Menampilkan orang yang dapat dikenali",
        "en": "Shows identifiable people",
    },
    "media.shows_people_help": {
        "id": "Centang bila ada pengunjung, terutama anak-anak, yang dapat dikenali: "
        "foto baru dapat disetujui setelah persetujuan mereka dicatat.",
        "en": "Tick when patrons, especially children, can be recognised: the image can be "
        "approved only once their consent is recorded.",
    },
    "media.consent_recorded": {"id": "Persetujuan sudah dicatat", "en": "Consent recorded"},
    "media.consent_note": {
        "id": "Catatan persetujuan (mis. formulir orang tua, tanggal)",
        "en": "Consent note (e.g. parent's form, date)",
    },
    "media.save_consent": {"id": "Simpan persetujuan", "en": "Save consent"},
    "media.consent_saved": {
        "id": "Persetujuan foto #{id} disimpan.",
        "en": "Consent for image #{id} saved.",
    },
    "media.needs_consent": {
        "id": "⚠️ Menampilkan orang — persetujuan belum dicatat",
        "en": "⚠️ Shows people — consent not recorded",
    },
    # the post's history (audit actions of this workflow; others are named by their Action)
    "review.action.post.draft": {"id": "Menyimpan draf", "en": "Saved a draft"},
    "review.action.post.edit": {"id": "Mengubah", "en": "Edited"},
    "review.action.post.submit": {"id": "Mengajukan untuk ditinjau", "en": "Submitted for review"},
    "review.action.post.approve": {"id": "Menyetujui", "en": "Approved"},
    "review.action.post.request_changes": {"id": "Meminta perbaikan", "en": "Requested changes"},
    "review.action.post.reject": {"id": "Menolak", "en": "Rejected"},
    "review.action.post.comment": {"id": "Berkomentar", "en": "Commented"},
    "review.outcome.ok": {"id": "berhasil", "en": "done"},
    "review.outcome.denied": {"id": "ditolak (tanpa izin)", "en": "refused (not allowed)"},
    "review.outcome.failed": {"id": "gagal", "en": "failed"},
}
