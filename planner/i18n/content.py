"""Strings of templates, sources (events, collection, imports) and drafting."""

STRINGS: dict[str, dict[str, str]] = {
    "nav.templates": {"id": "Templat", "en": "Templates"},
    "nav.sources": {"id": "Acara & Koleksi", "en": "Events & Collection"},
    "compose.source_service": {"id": "Layanan & info", "en": "Services & notices"},
    "compose.no_templates": {
        "id": "Belum ada templat untuk jenis ini.",
        "en": "There is no template of this kind yet.",
    },
    "compose.no_events": {
        "id": "Belum ada acara. Tambahkan di halaman Acara & Koleksi.",
        "en": "No events yet. Add one on the Events & Collection page.",
    },
    "compose.no_items": {
        "id": "Belum ada koleksi. Tambahkan atau impor di halaman Acara & Koleksi.",
        "en": "No collection items yet. Add or import them on the Events & Collection page.",
    },
    "compose.items": {"id": "Buku (pilih beberapa)", "en": "Books (choose several)"},
    "compose.optional": {"id": "opsional", "en": "optional"},
    "compose.one_per_line": {"id": "Satu per baris.", "en": "One per line."},
    "compose.time_of": {"id": "Jam ({field})", "en": "Time ({field})"},
    "compose.fields": {"id": "Isian templat", "en": "Template fields"},
    "compose.missing_fields": {
        "id": "Isi dulu: {fields}.",
        "en": "Fill in first: {fields}.",
    },
    "compose.hashtags": {"id": "Tagar", "en": "Hashtags"},
    "compose.link": {"id": "Tautan", "en": "Link"},
    "compose.link_help": {
        "id": "Kosongkan untuk memakai tautan pendaftaran atau katalog (OPAC) dari sumbernya.",
        "en": "Leave empty to use the source's registration or catalogue (OPAC) link.",
    },
    "compose.preview": {"id": "Pratinjau di linimasa", "en": "Preview in the feed"},
    "compose.live_count": {"id": "saat mengetik:", "en": "while typing:"},
    "compose.campaign": {"id": "Kampanye acara", "en": "Event campaign"},
    "compose.campaign_steps": {
        "id": "Satu unggahan per tahap: {steps}.",
        "en": "One post per step: {steps}.",
    },
    "compose.post_language": {"id": "Bahasa unggahan", "en": "Post language"},
    "compose.post_language_help": {
        "id": "Bahasa teks yang dipublikasikan; bawaannya bahasa perpustakaan, bukan bahasa "
        "tampilan Anda.",
        "en": "The language of the published text; by default the library's language, not the "
        "language you read the app in.",
    },
    "compose.campaign_exists": {
        "id": "Acara ini sudah punya {count} kampanye.",
        "en": "This event already has campaigns: {count}.",
    },
    "compose.plan_campaign": {"id": "Rencanakan kampanye", "en": "Plan campaign"},
    "compose.step_past": {
        "id": "waktunya sudah lewat, dilewati",
        "en": "its time has passed, skipped",
    },
    "compose.schedule_campaign": {"id": "Jadwalkan kampanye", "en": "Schedule campaign"},
    "compose.campaign_scheduled": {
        "id": "Kampanye #{campaign_id} dijadwalkan: {count} unggahan.",
        "en": "Campaign #{campaign_id} scheduled: {count} posts.",
    },
    "templates.header": {"id": "Templat konten", "en": "Content templates"},
    "templates.choose": {"id": "Templat", "en": "Template"},
    "templates.new": {"id": "Templat baru", "en": "New template"},
    "templates.new_id": {"id": "Kode templat", "en": "Template id"},
    "templates.id_help": {
        "id": "Huruf kecil, angka, dan tanda hubung, mis. pengingat-pagi.",
        "en": "Lower case letters, digits and hyphens, e.g. morning-reminder.",
    },
    "templates.create": {"id": "Buat templat", "en": "Create template"},
    "templates.kind": {"id": "Jenis", "en": "Kind"},
    "templates.kind_event": {"id": "Acara", "en": "Event"},
    "templates.kind_collection": {"id": "Koleksi", "en": "Collection"},
    "templates.kind_service": {"id": "Layanan & info", "en": "Service & notice"},
    "templates.kind_training": {"id": "Pelatihan", "en": "Training"},
    "templates.name": {"id": "Nama ({lang})", "en": "Name ({lang})"},
    "templates.description": {"id": "Keterangan ({lang})", "en": "Description ({lang})"},
    "templates.layout": {"id": "Tata letak gambar", "en": "Image layout"},
    "templates.size": {"id": "Ukuran gambar", "en": "Image size"},
    "templates.fields": {"id": "Isian", "en": "Fields"},
    "templates.field_col.name": {"id": "Nama isian (di teks)", "en": "Field name (in texts)"},
    "templates.field_col.type": {"id": "Jenis", "en": "Type"},
    "templates.field_col.required": {"id": "Wajib", "en": "Required"},
    "templates.field_col.example": {"id": "Contoh", "en": "Example"},
    "templates.field_col.label_id": {"id": "Label (ID)", "en": "Label (ID)"},
    "templates.field_col.label_en": {"id": "Label (EN)", "en": "Label (EN)"},
    "templates.step_col.name": {"id": "Kode tahap", "en": "Step id"},
    "templates.step_col.offset_days": {"id": "Hari dari acara", "en": "Days from the event"},
    "templates.step_col.time": {"id": "Jam", "en": "Time"},
    "templates.step_col.template": {"id": "Templat", "en": "Template"},
    "templates.step_col.label_id": {"id": "Nama tahap (ID)", "en": "Step name (ID)"},
    "templates.step_col.label_en": {"id": "Nama tahap (EN)", "en": "Step name (EN)"},
    "templates.image_texts": {
        "id": "Teks gambar dan teks alternatif (opsional)",
        "en": "Image texts and alt text (optional)",
    },
    "templates.image_title": {
        "id": "Judul di gambar (Jinja2)",
        "en": "Title on the image (Jinja2)",
    },
    "templates.image_subtitle": {
        "id": "Subjudul di gambar (Jinja2)",
        "en": "Subtitle on the image (Jinja2)",
    },
    "templates.image_alt": {
        "id": "Teks alternatif ({lang}, Jinja2)",
        "en": "Alt text ({lang}, Jinja2)",
    },
    "templates.campaign": {
        "id": "Tahap kampanye (hari dari acara, jam)",
        "en": "Campaign steps (days from the event, time)",
    },
    "templates.texts": {
        "id": "Teks per bahasa dan platform",
        "en": "Texts per language and platform",
    },
    "templates.texts_help": {
        "id": "Jinja2: {{ title }}, {{ starts_at | datetime }}, {{ hashtags }}; "
        "filter: date, time, datetime, weekday, number.",
        "en": "Jinja2: {{ title }}, {{ starts_at | datetime }}, {{ hashtags }}; "
        "filters: date, time, datetime, weekday, number.",
    },
    "templates.preview": {"id": "Pratinjau langsung", "en": "Live preview"},
    "templates.problem": {
        "id": "Templat belum bisa dipakai: {reason}",
        "en": "Not usable yet: {reason}",
    },
    "templates.problems": {
        "id": "{count} templat ditolak",
        "en": "{count} template(s) refused",
    },
    "templates.read_only": {
        "id": "Templat berkas ({source}) hanya bisa dibaca. Duplikat untuk mengubahnya.",
        "en": "File template ({source}) is read-only. Duplicate it to change it.",
    },
    "templates.refused": {
        "id": "Tidak disimpan: {reason}",
        "en": "Not saved: {reason}",
    },
    "templates.saved": {
        "id": "Templat {id} disimpan (versi {version}).",
        "en": "Template {id} saved (version {version}).",
    },
    "templates.save": {"id": "Simpan versi baru", "en": "Save new version"},
    "templates.history": {"id": "Riwayat versi ({count})", "en": "Version history ({count})"},
    "templates.version": {"id": "Versi", "en": "Version"},
    "templates.saved_at": {"id": "Disimpan", "en": "Saved"},
    "templates.author": {"id": "Oleh", "en": "By"},
    "templates.restore": {"id": "Pulihkan versi ini", "en": "Restore this version"},
    "templates.restored": {
        "id": "Versi {version} dipulihkan sebagai versi terbaru.",
        "en": "Version {version} restored as the newest version.",
    },
    "templates.duplicate_id": {"id": "Kode salinan", "en": "Id of the copy"},
    "templates.duplicate": {"id": "Duplikat", "en": "Duplicate"},
    "templates.export": {"id": "Ekspor YAML", "en": "Export YAML"},
    "templates.delete": {"id": "Hapus templat", "en": "Delete template"},
    "templates.delete_confirm": {
        "id": "Ya, hapus {id} beserta riwayatnya",
        "en": "Yes, delete {id} and its history",
    },
    "sources.header": {"id": "Acara & Koleksi", "en": "Events & Collection"},
    "sources.events": {"id": "Acara", "en": "Events"},
    "sources.collection": {"id": "Koleksi", "en": "Collection"},
    "sources.import": {"id": "Impor", "en": "Import"},
    "sources.new_event": {"id": "Acara baru", "en": "New event"},
    "sources.edit_event": {"id": "Ubah acara", "en": "Edit event"},
    "sources.new_item": {"id": "Tambah judul", "en": "New item"},
    "sources.edit_item": {"id": "Ubah data buku", "en": "Edit item"},
    "sources.title": {"id": "Judul", "en": "Title"},
    "sources.subtitle": {"id": "Anak judul", "en": "Subtitle"},
    "sources.date": {"id": "Tanggal acara", "en": "Event date"},
    "sources.error.required": {"id": "{field} wajib diisi.", "en": "{field} is required."},
    "sources.error.too_long": {
        "id": "{field} terlalu panjang (paling banyak {max_length} karakter).",
        "en": "{field} is too long (at most {max_length} characters).",
    },
    "sources.error.no_event": {"id": "Acara #{id} tidak ada.", "en": "There is no event #{id}."},
    "sources.error.no_item": {"id": "Judul #{id} tidak ada.", "en": "There is no item #{id}."},
    "sources.error.isbn_invalid": {
        "id": "ISBN “{isbn}” tidak sah (periksa digit terakhir atau jumlah digit).",
        "en": "ISBN “{isbn}” is not valid (check digit or length).",
    },
    "sources.error.isbn_taken": {
        "id": "ISBN {isbn} sudah dipakai “{title}”.",
        "en": "ISBN {isbn} already belongs to “{title}”.",
    },
    "sources.error.event_has_posts": {
        "id": "“{title}” sudah punya unggahan; batalkan unggahannya atau biarkan acaranya.",
        "en": "“{title}” has posts; cancel them or keep the event.",
    },
    "sources.error.item_has_posts": {
        "id": "“{title}” sudah punya unggahan, jadi tidak dapat dihapus.",
        "en": "“{title}” has posts, so it cannot be removed.",
    },
    "sources.error.title_empty": {"id": "Judul wajib diisi.", "en": "The title is required."},
    "sources.error.ends_before_start": {
        "id": "Jam selesai harus setelah jam mulai.",
        "en": "The end time must be after the start time.",
    },
    "sources.error.not_a_link": {
        "id": "{field}: “{value}” bukan alamat web (harus diawali http:// atau https://).",
        "en": "{field}: “{value}” is not a web address (it must start with http:// or https://).",
    },
    "sources.error.needs_zone": {
        "id": "Jam perlu zona waktunya (WIB).",
        "en": "A time needs its zone (WIB).",
    },
    "sources.when": {"id": "Waktu acara", "en": "When"},
    "sources.starts": {"id": "Mulai", "en": "Starts"},
    "sources.ends": {"id": "Selesai", "en": "Ends"},
    "sources.place": {"id": "Tempat", "en": "Place"},
    "sources.speaker": {"id": "Narasumber", "en": "Speaker"},
    "sources.audience": {"id": "Sasaran peserta", "en": "Audience"},
    "sources.category": {"id": "Kategori", "en": "Category"},
    "sources.description": {"id": "Deskripsi", "en": "Description"},
    "sources.registration_url": {"id": "Tautan pendaftaran", "en": "Registration link"},
    "sources.author": {"id": "Pengarang", "en": "Author"},
    "sources.publisher": {"id": "Penerbit", "en": "Publisher"},
    "sources.year": {"id": "Tahun", "en": "Year"},
    "sources.call_number": {"id": "Nomor panggil", "en": "Call number"},
    "sources.subjects": {"id": "Subjek (pisahkan dengan ;)", "en": "Subjects (separate with ;)"},
    "sources.summary": {"id": "Ringkasan", "en": "Summary"},
    "sources.opac_url": {"id": "Tautan katalog (OPAC)", "en": "Catalogue link (OPAC)"},
    "sources.search": {
        "id": "Cari judul, pengarang, atau ISBN",
        "en": "Search title, author or ISBN",
    },
    "sources.save": {"id": "Simpan", "en": "Save"},
    "sources.delete": {"id": "Hapus", "en": "Delete"},
    "sources.delete_confirm": {"id": "Ya, hapus “{title}”", "en": "Yes, delete “{title}”"},
    "sources.created": {"id": "“{title}” ditambahkan.", "en": "“{title}” added."},
    "sources.updated": {"id": "“{title}” diperbarui.", "en": "“{title}” updated."},
    "sources.past_event": {
        "id": "Acara ini sudah lewat. Acara tetap disimpan untuk laporan, tetapi unggahan "
        "promosi untuknya tidak bisa dijadwalkan lagi.",
        "en": "This event is in the past. It is kept for reports, but no promotion posts can "
        "be scheduled for it any more.",
    },
    "sources.unchanged": {"id": "“{title}” tidak berubah.", "en": "“{title}” is unchanged."},
    "sources.no_cover": {"id": "Belum ada sampul.", "en": "No cover yet."},
    "sources.no_photo": {"id": "Belum ada foto acara.", "en": "No event photo yet."},
    "sources.photo_upload": {
        "id": "Unggah foto acara (dipakai poster dan rekap)",
        "en": "Upload an event photo (used by posters and recaps)",
    },
    "sources.photo_save": {"id": "Simpan foto", "en": "Save photo"},
    "sources.photo_saved": {"id": "Foto acara disimpan.", "en": "Event photo saved."},
    "sources.cover_upload": {"id": "Unggah foto sampul", "en": "Upload a cover photo"},
    "sources.cover_save": {"id": "Simpan sampul", "en": "Save cover"},
    "sources.cover_saved": {"id": "Sampul disimpan.", "en": "Cover saved."},
    "sources.cover_generate": {
        "id": "Buat sampul dari judul dan pengarang",
        "en": "Draw a cover from title and author",
    },
    "sources.import_kind": {"id": "Yang diimpor", "en": "What to import"},
    "sources.import_events": {"id": "Acara (CSV)", "en": "Events (CSV)"},
    "sources.import_collection": {
        "id": "Koleksi (CSV, MARC .mrc, MARCXML)",
        "en": "Collection (CSV, MARC .mrc, MARCXML)",
    },
    "sources.import_help_events": {
        "id": "Kolom: judul, tanggal (06/12/2026), jam (09.00 atau 09.00–11.00), tempat, "
        "narasumber, sasaran, deskripsi, pendaftaran. Pemisah ; atau , dan UTF-8 atau "
        "Windows-1252 dikenali otomatis. Impor ulang berkas yang sama tidak membuat duplikat.",
        "en": "Columns: title, date (06/12/2026), time (09.00 or 09.00–11.00), place, speaker, "
        "audience, description, registration. ; or , separators and UTF-8 or Windows-1252 are "
        "detected. Importing the same file again creates no duplicates.",
    },
    "sources.import_help_collection": {
        "id": "CSV (judul, pengarang, penerbit, tahun, ISBN, nomor panggil, subjek, ringkasan) "
        "atau MARC 21 dari SLiMS/INLISLite. Dicocokkan lewat ISBN, jadi impor ulang aman.",
        "en": "CSV (title, author, publisher, year, ISBN, call number, subjects, summary) or "
        "MARC 21 from SLiMS/INLISLite. Matched on ISBN, so importing again is safe.",
    },
    "sources.import_file": {"id": "Berkas", "en": "File"},
    "sources.import_run": {"id": "Impor", "en": "Import"},
    "sources.status_created": {"id": "Baru", "en": "Created"},
    "sources.status_updated": {"id": "Diperbarui", "en": "Updated"},
    "sources.status_unchanged": {"id": "Sama", "en": "Unchanged"},
    "sources.status_skipped": {"id": "Dilewati", "en": "Skipped"},
    "sources.status_refused": {"id": "Ditolak", "en": "Refused"},
    "sources.row": {"id": "Baris", "en": "Row"},
    "sources.reason": {"id": "Alasan", "en": "Reason"},
    "sources.ignored": {"id": "Kolom diabaikan: {columns}", "en": "Ignored columns: {columns}"},
    "sources.warned": {
        "id": "{count} baris diimpor dengan catatan (mis. tanpa ISBN yang tidak valid): lihat "
        "kolom Alasan.",
        "en": "{count} rows were imported with a note (e.g. without an invalid ISBN): see the "
        "Reason column.",
    },
}
