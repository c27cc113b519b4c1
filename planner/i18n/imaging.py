"""Strings of the image studio: layouts, brand kit, media library, refusals."""

STRINGS: dict[str, dict[str, str]] = {
    "imaging.with": {"id": "Bersama {speaker}", "en": "With {speaker}"},
    "imaging.call_number": {"id": "No. panggil {number}", "en": "Call no. {number}"},
    "imaging.kicker.event": {"id": "Acara", "en": "Event"},
    "imaging.kicker.new_arrival": {"id": "Koleksi baru", "en": "New arrival"},
    "imaging.kicker.book_list": {"id": "Koleksi baru", "en": "New arrivals"},
    "imaging.kicker.quote_card": {"id": "Pilihan pustakawan", "en": "Librarian's pick"},
    "imaging.kicker.children": {"id": "Program anak", "en": "For children"},
    "imaging.kicker.notice": {"id": "Pengumuman", "en": "Notice"},
    "imaging.kicker.statistic": {"id": "Angka bulan ini", "en": "This month"},
    "imaging.layout.event_poster": {"id": "Poster acara", "en": "Event poster"},
    "imaging.layout.new_arrival": {"id": "Koleksi baru", "en": "New arrival"},
    "imaging.layout.book_list": {"id": "Daftar buku", "en": "Book list"},
    "imaging.layout.quote_card": {"id": "Kartu kutipan", "en": "Quote card"},
    "imaging.layout.children": {"id": "Program anak", "en": "Children's programme"},
    "imaging.layout.notice": {"id": "Pengumuman", "en": "Notice"},
    "imaging.layout.statistic": {"id": "Kartu statistik", "en": "Statistic card"},
    "imaging.size.square": {
        "id": "1080×1080 (Instagram, Facebook)",
        "en": "1080×1080 (Instagram, Facebook)",
    },
    "imaging.size.portrait": {
        "id": "1080×1350 (Instagram tegak)",
        "en": "1080×1350 (Instagram portrait)",
    },
    "imaging.size.landscape": {"id": "1200×675 (X)", "en": "1200×675 (X)"},
    "imaging.size.link": {"id": "1200×630 (tautan Facebook)", "en": "1200×630 (Facebook link)"},
    "imaging.size.story": {"id": "1080×1920 (Story)", "en": "1080×1920 (Story)"},
    "imaging.months": {
        "id": "Jan Feb Mar Apr Mei Jun Jul Agu Sep Okt Nov Des",
        "en": "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec",
    },
    "imaging.category.storytelling": {"id": "Dongeng", "en": "Storytelling"},
    "imaging.category.competition": {"id": "Lomba", "en": "Competition"},
    "imaging.category.literacy": {"id": "Literasi", "en": "Literacy"},
    "imaging.category.author": {"id": "Temu penulis", "en": "Meet the author"},
    "imaging.category.elearning": {"id": "Kelas digital", "en": "Digital class"},
    "imaging.category.training": {"id": "Pelatihan", "en": "Training"},
    "imaging.category.workshop": {"id": "Lokakarya", "en": "Workshop"},
    "imaging.category.exhibition": {"id": "Pameran", "en": "Exhibition"},
    "nav.studio": {"id": "Studio gambar", "en": "Image studio"},
    "nav.brand": {"id": "Identitas merek", "en": "Brand kit"},
    "brand.header": {"id": "Identitas merek", "en": "Brand kit"},
    "brand.intro": {
        "id": (
            "Nama, warna, huruf, logo, dan kaki gambar yang dipakai semua gambar unggahan. "
            "Pratinjau di bawah berubah sebelum disimpan."
        ),
        "en": (
            "Name, colours, fonts, logo and footer used by every post image. The preview below "
            "changes before you save."
        ),
    },
    "brand.name": {"id": "Nama perpustakaan", "en": "Library name"},
    "brand.colour_primary": {"id": "Warna utama", "en": "Primary colour"},
    "brand.colour_secondary": {"id": "Warna kedua", "en": "Secondary colour"},
    "brand.colour_accent": {"id": "Warna aksen", "en": "Accent colour"},
    "brand.colour_light": {"id": "Teks terang", "en": "Light text"},
    "brand.colour_dark": {"id": "Teks gelap", "en": "Dark text"},
    "brand.heading_font": {"id": "Huruf judul", "en": "Heading font"},
    "brand.body_font": {"id": "Huruf isi", "en": "Body font"},
    "brand.address": {"id": "Alamat", "en": "Address"},
    "brand.website": {"id": "Situs web", "en": "Website"},
    "brand.socials": {
        "id": "Akun media sosial (pisahkan dengan spasi)",
        "en": "Social handles (separated by spaces)",
    },
    "brand.footer": {"id": "Teks kaki khusus (opsional)", "en": "Custom footer text (optional)"},
    "brand.footer_help": {
        "id": "Jika diisi, menggantikan baris alamat · situs · akun.",
        "en": "When set, replaces the address · website · handles line.",
    },
    "brand.watermark": {
        "id": "Tanda air logo di sudut foto",
        "en": "Logo watermark in the corner of photos",
    },
    "brand.logo": {
        "id": "Logo baru (PNG, latar transparan)",
        "en": "New logo (PNG with a transparent background)",
    },
    "brand.remove_logo": {"id": "Tanpa logo", "en": "No logo"},
    "brand.save": {"id": "Simpan identitas merek", "en": "Save brand kit"},
    "brand.saved": {
        "id": "Identitas merek disimpan; gambar baru memakainya.",
        "en": "Brand kit saved; new images use it.",
    },
    "brand.reset": {
        "id": "Kembali ke contoh Perpustakaan Kota Pekalongan",
        "en": "Back to the Perpustakaan Kota Pekalongan example",
    },
    "brand.preview": {"id": "Pratinjau semua tata letak", "en": "Preview of every layout"},
    "brand.pair": {
        "id": "{text} di atas {background}: kontras {ratio}:1",
        "en": "{text} on {background}: contrast {ratio}:1",
    },
    "brand.pair_low": {
        "id": "di bawah 4,5:1, jadi gambar memakai hitam atau putih agar tetap terbaca",
        "en": "below 4.5:1, so images use black or white to stay readable",
    },
    "brand.warning_logo_opaque": {
        "id": "Logo ini tidak punya latar transparan; akan tampil sebagai kotak.",
        "en": "This logo has no transparent background; it will show as a box.",
    },
    "studio.header": {"id": "Studio gambar", "en": "Image studio"},
    "studio.single": {"id": "Satu gambar", "en": "One image"},
    "studio.batch": {"id": "Banyak sekaligus", "en": "Many at once"},
    "studio.layout": {"id": "Tata letak", "en": "Layout"},
    "studio.size": {"id": "Ukuran", "en": "Size"},
    "studio.title": {"id": "Judul", "en": "Title"},
    "studio.kicker": {"id": "Label kecil di atas judul", "en": "Small label above the title"},
    "studio.subtitle": {"id": "Subjudul", "en": "Subtitle"},
    "studio.date": {"id": "Tanggal", "en": "Date"},
    "studio.time": {"id": "Jam", "en": "Time"},
    "studio.place": {"id": "Tempat", "en": "Place"},
    "studio.speaker": {"id": "Narasumber", "en": "Speaker / host"},
    "studio.audience": {"id": "Peserta", "en": "Audience"},
    "studio.day": {"id": "Tanggal pada lencana", "en": "Badge day"},
    "studio.month": {"id": "Bulan pada lencana", "en": "Badge month"},
    "studio.author": {"id": "Pengarang", "en": "Author"},
    "studio.call_number": {"id": "Nomor panggil", "en": "Call number"},
    "studio.quote": {"id": "Kutipan", "en": "Quote"},
    "studio.attribution": {"id": "Sumber kutipan", "en": "Attribution"},
    "studio.number": {"id": "Angka", "en": "Number"},
    "studio.label": {"id": "Keterangan angka", "en": "What the number counts"},
    "studio.rows": {
        "id": "Baris jadwal (satu per baris: Hari = Jam)",
        "en": "Schedule rows (one per line: Day = Hours)",
    },
    "studio.details": {
        "id": "Keterangan tambahan (satu per baris)",
        "en": "Extra lines (one per line)",
    },
    "studio.books": {"id": "Buku (2–6)", "en": "Books (2–6)"},
    "studio.photo": {
        "id": "Foto atau sampul dari pustaka media",
        "en": "Photo or cover from the media library",
    },
    "studio.no_photo": {"id": "Tanpa foto", "en": "No photo"},
    "studio.platform": {"id": "Batas platform", "en": "Platform limits"},
    "studio.any_platform": {"id": "Semua platform", "en": "Any platform"},
    "studio.format": {"id": "Format", "en": "Format"},
    "studio.render": {"id": "Buat gambar", "en": "Make image"},
    "studio.empty": {
        "id": "Isi teksnya lalu tekan Buat gambar; hasilnya muncul di sini.",
        "en": "Fill in the text and press Make image; the result appears here.",
    },
    "studio.download": {"id": "Unduh", "en": "Download"},
    "studio.save": {"id": "Simpan ke pustaka media", "en": "Save to the media library"},
    "studio.batch_source": {"id": "Sumber", "en": "Source"},
    "studio.batch_events": {"id": "Acara 31 hari ke depan", "en": "Events in the next 31 days"},
    "studio.batch_items": {"id": "Koleksi terbaru", "en": "Newest collection items"},
    "studio.sizes": {"id": "Ukuran", "en": "Sizes"},
    "studio.batch_count": {
        "id": "{images} gambar, dikerjakan {cores} inti prosesor sekaligus.",
        "en": "{images} images, made on {cores} processor cores at once.",
    },
    "studio.batch_render": {"id": "Buat semua gambar", "en": "Make all images"},
    "studio.progress": {
        "id": "{done} dari {total} gambar selesai",
        "en": "{done} of {total} images done",
    },
    "studio.batch_done": {"id": "{images} gambar siap.", "en": "{images} images ready."},
    "studio.batch_download": {"id": "Unduh semua (ZIP)", "en": "Download all (ZIP)"},
    "studio.left_out": {
        "id": "Tidak ikut tergambar karena font merek tidak memilikinya: {chars}. Emoji "
        "tetap bisa dipakai di teks unggahan.",
        "en": "Left out of the image because the brand fonts cannot draw them: {chars}. Emoji "
        "still work in the post's text.",
    },
    "studio.subtitle_in.children": {
        "id": "Tata letak acara anak menampilkan subjudul hanya bila tanggal dan jam kosong.",
        "en": "The children's programme layout shows the subtitle only when date and time are "
        "empty.",
    },
    "media.rules": {
        "id": (
            "JPEG, PNG, WebP, GIF, TIFF, atau BMP sampai {mb} MB. Data lokasi dan EXIF foto "
            "dihapus saat disimpan."
        ),
        "en": (
            "JPEG, PNG, WebP, GIF, TIFF or BMP up to {mb} MB. Location and other EXIF data are "
            "removed when stored."
        ),
    },
    "media.duplicate": {
        "id": "Gambar yang sama sudah tersimpan sebagai #{id}.",
        "en": "The same image is already stored as #{id}.",
    },
    "media.similar": {
        "id": "Disimpan sebagai #{id}, tetapi tampak sama dengan {ids}; mungkin berkas ganda.",
        "en": "Stored as #{id}, but it looks like {ids}; it may be a duplicate.",
    },
    "media.kind": {"id": "Jenis", "en": "Kind"},
    "media.kind_all": {"id": "Semua", "en": "All"},
    "media.kind_upload": {"id": "Diunggah", "en": "Upload"},
    "media.kind_render": {"id": "Gambar jadi", "en": "Rendered"},
    "media.kind_cover": {"id": "Sampul", "en": "Cover"},
    "media.kind_logo": {"id": "Logo", "en": "Logo"},
    "media.details": {"id": "Detail #{id}", "en": "Details #{id}"},
    "media.original": {"id": "Nama berkas asli: {name}", "en": "Original file name: {name}"},
    "media.unused": {"id": "Belum dipakai.", "en": "Not used yet."},
    "media.used_post": {
        "id": "Unggahan #{id} {title} ({status})",
        "en": "Post #{id} {title} ({status})",
    },
    "media.used_event": {"id": "Acara #{id} {title}", "en": "Event #{id} {title}"},
    "media.used_item": {"id": "Judul #{id} {title}", "en": "Collection item #{id} {title}"},
    "media.used_brand": {"id": "Logo identitas merek", "en": "Brand kit logo"},
    "media.alt_text": {"id": "Teks alternatif", "en": "Alt text"},
    "media.save_alt": {"id": "Simpan teks", "en": "Save text"},
    "media.alt_saved": {"id": "Teks alternatif #{id} disimpan.", "en": "Alt text of #{id} saved."},
    "media.delete": {"id": "Hapus", "en": "Delete"},
    "media.deleted": {"id": "Gambar #{id} dihapus.", "en": "Image #{id} deleted."},
    "imaging.error.svg": {
        "id": "Gambar SVG tidak diterima; ekspor gambar sebagai PNG atau JPEG.",
        "en": "SVG drawings are not accepted; export the picture as PNG or JPEG.",
    },
    "imaging.error.too_many_pixels": {
        "id": (
            "Gambar berukuran {width}×{height} piksel, melebihi batas {limit} megapiksel; "
            "perkecil dulu."
        ),
        "en": (
            "The image is {width}×{height} pixels, more than the {limit} megapixels allowed; make "
            "it smaller first."
        ),
    },
    "imaging.error.bomb": {
        "id": "Gambar lebih dari {limit} megapiksel dan ditolak karena bisa jadi bom dekompresi.",
        "en": (
            "The image has more than {limit} megapixels, which is refused as a possible "
            "decompression bomb."
        ),
    },
    "imaging.error.not_image": {
        "id": "Berkas ini bukan gambar yang dapat dibaca.",
        "en": "This file is not an image that can be read.",
    },
    "imaging.error.damaged": {
        "id": "Berkas gambar tidak lengkap atau rusak sehingga tidak dapat dibaca.",
        "en": "The image file is incomplete or damaged and cannot be read.",
    },
    "imaging.error.unreadable": {
        "id": "Gambar {name} tidak dapat dibaca.",
        "en": "The image {name} cannot be read.",
    },
    "imaging.error.too_large": {
        "id": "Berkas berukuran {mb} MB; gambar yang dapat disimpan maksimal {limit} MB.",
        "en": "The file is {mb} MB; images of up to {limit} MB can be stored.",
    },
    "imaging.error.bad_name": {
        "id": "{name!r} bukan nama berkas; gunakan nama biasa seperti foto.jpg, tanpa folder.",
        "en": "{name!r} is not a file name; use a plain name such as photo.jpg, without folders.",
    },
    "imaging.error.outside_folder": {
        "id": "Foto {name!r} harus berupa berkas di folder yang sama dengan berkas CSV.",
        "en": "The image {name!r} must be a file in the same folder as the CSV file.",
    },
    "imaging.error.not_in_folder": {
        "id": "Foto {name!r} tidak ada di folder berkas CSV.",
        "en": "The image {name!r} is not in the CSV file's folder.",
    },
    "imaging.error.not_uploaded": {
        "id": "Foto {name!r} tidak ikut diunggah bersama berkas CSV; unggah fotonya juga.",
        "en": "The image {name!r} was not uploaded with the CSV file; upload it too.",
    },
    "imaging.error.disk_full": {
        "id": "Disk penuh: {name} tidak tersimpan dan tidak ada yang berubah.",
        "en": "The disk is full: {name} was not saved and nothing was changed.",
    },
    "imaging.error.write_failed": {
        "id": "{name} tidak dapat disimpan ({reason}); tidak ada yang berubah.",
        "en": "{name} could not be saved ({reason}); nothing was changed.",
    },
    "imaging.error.no_name": {
        "id": "Berkas tidak bernama; pilih berkas gambar seperti foto.jpg.",
        "en": "The file has no name; choose an image file such as photo.jpg.",
    },
    "imaging.error.control_chars": {
        "id": "Nama berkas mengandung karakter kontrol; ganti nama berkasnya.",
        "en": "The file name contains control characters; rename the file.",
    },
    "imaging.error.path_name": {
        "id": "Nama berkas harus nama biasa, tanpa folder atau '..'.",
        "en": "The file name must be a plain name, without folders or '..'.",
    },
    "imaging.error.long_name": {
        "id": "Nama berkas terlalu panjang (maksimal 200 karakter).",
        "en": "The file name is too long (at most 200 characters).",
    },
    "imaging.error.not_image_name": {
        "id": "Hanya berkas gambar yang dapat diunggah (JPEG, PNG, WebP, GIF, TIFF, atau BMP).",
        "en": "Only image files can be uploaded (JPEG, PNG, WebP, GIF, TIFF or BMP).",
    },
    "imaging.error.no_asset": {"id": "Tidak ada gambar #{id}.", "en": "There is no image #{id}."},
    "imaging.error.logo_in_use": {
        "id": "Gambar #{id} dipakai sebagai logo merek; pilih logo lain dulu.",
        "en": "Image #{id} is the brand kit's logo; choose another logo first.",
    },
    "imaging.error.in_use": {
        "id": (
            "Gambar #{id} dipakai unggahan #{post} ({title}) yang masih menunggu publikasi; "
            "batalkan unggahan itu atau tunggu sampai dipublikasikan."
        ),
        "en": (
            "Image #{id} is used by post #{post} ({title}), which is still waiting to be "
            "published; cancel that post or wait until it is published."
        ),
    },
    "imaging.error.published_in_use": {
        "id": (
            "Gambar #{id} sudah dipublikasikan bersama unggahan {posts}; gambar itu disimpan "
            "sebagai catatan apa yang dipublikasikan dan tidak dapat dihapus."
        ),
        "en": (
            "Image #{id} was published with post {posts}; it is kept as the record of what was "
            "published and cannot be deleted."
        ),
    },
    "imaging.error.brand_name_empty": {
        "id": "Nama perpustakaan tidak boleh kosong.",
        "en": "The library name must not be empty.",
    },
    "imaging.error.brand_name_long": {
        "id": "Nama perpustakaan terlalu panjang (maksimal 120 karakter).",
        "en": "The library name is too long (at most 120 characters).",
    },
    "imaging.error.brand_colour": {
        "id": "Warna {name} ({value}) bukan warna #RRGGBB.",
        "en": "Colour {name} ({value}) is not a #RRGGBB colour.",
    },
    "imaging.error.brand_font": {
        "id": "Huruf {font} tidak tersedia; pilih salah satu dari {fonts}.",
        "en": "Font {font} is not shipped; choose one of {fonts}.",
    },
    "imaging.error.brand_socials": {
        "id": "Tulis paling banyak 6 akun media sosial, masing-masing maksimal 60 karakter.",
        "en": "List at most 6 social handles of up to 60 characters each.",
    },
    "imaging.error.logo_png": {
        "id": "Logo harus berkas PNG (dengan latar transparan).",
        "en": "The logo must be a PNG file (with a transparent background).",
    },
    "imaging.error.logo_small": {
        "id": "Logo terlalu kecil; gunakan PNG minimal 256×256 piksel.",
        "en": "The logo is too small; use a PNG of at least 256×256 pixels.",
    },
    "imaging.error.book_list_empty": {
        "id": "Daftar buku memerlukan minimal satu sampul buku (dua sampai enam paling bagus).",
        "en": "A book list needs at least one book cover (two to six look best).",
    },
    "imaging.error.book_list_many": {
        "id": "Daftar buku memuat paling banyak {limit} buku; pilih lebih sedikit.",
        "en": "A book list shows at most {limit} books; choose fewer.",
    },
    "imaging.error.format_unknown": {
        "id": "Format gambar {format} tidak dikenal; pilih jpeg atau png.",
        "en": "Unknown image format {format}; choose jpeg or png.",
    },
    "imaging.error.platform_unknown": {
        "id": "Platform {platform} tidak dikenal; pilih salah satu dari {platforms}.",
        "en": "Unknown platform {platform}; choose one of {platforms}.",
    },
    "imaging.error.platform_format": {
        "id": "{platform} hanya menerima gambar {accepted}; pilih JPEG.",
        "en": "{platform} accepts {accepted} images only; choose JPEG.",
    },
    "imaging.error.too_big_for_platform": {
        "id": (
            "Gambar berukuran {mb} MB, melebihi batas {limit} MB {platform}; gunakan JPEG atau "
            "foto yang lebih sederhana."
        ),
        "en": (
            "The image is {mb} MB, over the {limit} MB limit of {platform}; use JPEG or a simpler "
            "photo."
        ),
    },
}
