"""UTM parameters on the links a post carries, so the library's web statistics can tell
which visits came from which platform and campaign.

`utm_source` is the platform (x, facebook, instagram, threads, bluesky), `utm_medium` the setting
`utm_medium` ("social"), `utm_campaign` the campaign's name or else the template's id,
slugified. A link's own query string is kept as written and its fragment stays after the
query; a link that already carries any `utm_` parameter is left alone (someone tagged it
on purpose), and so is anything that is not an http(s) address. `utm_enabled=false`
switches tagging off. Tagging happens where the request is built for sending
(planner/publishing/starting.py) and where texts are checked and previewed, so what staff
see, what is validated and what goes out are the same text.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import parse_qsl, quote, urlsplit, urlunsplit

from sqlmodel import Session
from twitter_text import extract_urls_with_indices

from planner.config import Settings, get_settings
from planner.models import Campaign

_SLUG_MAX = 60


def slugify(value: str) -> str:
    """'Pekan Literasi 2026!' → 'pekan-literasi-2026' (ASCII, lower case, hyphens)."""
    ascii_text = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:_SLUG_MAX].rstrip("-")


def _tagged_already(query: str) -> bool:
    return any(name.lower().startswith("utm_") for name, _ in parse_qsl(query, True))


def tag(url: str, *, platform: str, campaign: str | None, settings: Settings | None = None) -> str:
    """`url` with utm_source/medium/campaign added, or unchanged when it must stay as it is."""
    settings = settings or get_settings()
    if not settings.utm_enabled:
        return url
    try:
        parts = urlsplit(url)
    except ValueError:  # not a URL at all (an unbalanced bracket): leave the text alone
        return url
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return url
    if _tagged_already(parts.query):
        return url
    params = [("utm_source", platform), ("utm_medium", settings.utm_medium)]
    name = slugify(campaign or "")
    if name:
        params.append(("utm_campaign", name))
    added = "&".join(f"{key}={quote(value, safe='')}" for key, value in params if value)
    # The link's own query is appended to, never re-encoded: its server reads it as written.
    query = f"{parts.query}&{added}" if parts.query else added
    return urlunsplit((parts.scheme, parts.netloc, parts.path, query, parts.fragment))


def tag_text(
    text: str, *, platform: str, campaign: str | None, settings: Settings | None = None
) -> str:
    """Every http(s) link in `text` tagged (the platform's own link detection finds them)."""
    settings = settings or get_settings()
    if not settings.utm_enabled or not text:
        return text
    out, pos = [], 0
    for found in extract_urls_with_indices(text):
        start, end = found["indices"]
        out.append(text[pos:start])
        out.append(tag(text[start:end], platform=platform, campaign=campaign, settings=settings))
        pos = end
    out.append(text[pos:])
    return "".join(out)


def tagged_links(
    text: str, *, platform: str, campaign: str | None, settings: Settings | None = None
) -> list[str]:
    """The links of `text` as they will go out, for showing beside a preview."""
    tagged = tag_text(text, platform=platform, campaign=campaign, settings=settings)
    return [found["url"] for found in extract_urls_with_indices(tagged)]


def campaign_label(
    session: Session, campaign_id: int | None, template_id: str | None
) -> str | None:
    """What utm_campaign names: the campaign, else the template a post was made from."""
    campaign = session.get(Campaign, campaign_id) if campaign_id else None
    name = campaign.name.strip() if campaign is not None else ""
    return name or (template_id or "").strip() or None


def post_campaign(session: Session, post) -> str | None:
    """utm_campaign's source for a stored post (or anything with campaign_id, template_id)."""
    return campaign_label(session, post.campaign_id, post.template_id)
