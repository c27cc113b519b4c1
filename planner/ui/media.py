"""Media library: every stored image, newest first."""

from __future__ import annotations

import streamlit as st
from sqlmodel import col, select

from planner.db import session_scope
from planner.media import MediaError, asset_path, store_image
from planner.models import MediaAsset
from planner.ui.runtime import tr

MAX_UPLOAD_MB = 20


def page() -> None:
    st.header(tr("media.header"))
    upload = st.file_uploader(tr("media.upload"), type=["jpg", "jpeg", "png", "webp", "gif"])
    if upload is not None:
        data = upload.getvalue()
        if len(data) > MAX_UPLOAD_MB * 1024 * 1024:
            st.error(tr("media.too_big", mb=MAX_UPLOAD_MB))
        else:
            try:
                with session_scope() as session:
                    asset = store_image(session, data, original_name=upload.name)
                    st.success(tr("media.stored", id=asset.id))
            except MediaError as exc:
                st.error(str(exc))
    with session_scope() as session:
        assets = session.exec(
            select(MediaAsset).order_by(col(MediaAsset.id).desc()).limit(48)
        ).all()
    if not assets:
        st.info(tr("common.none"))
        return
    columns = st.columns(4)
    for index, asset in enumerate(assets):
        with columns[index % 4]:
            st.image(str(asset_path(asset)), width="stretch")
            st.caption(
                f"#{asset.id} · {asset.kind} · {asset.width}×{asset.height} · "
                f"{asset.size_bytes // 1024} KB"
            )


page()
