"""Small stateful fakes of the X API and the Graph API on `responses`, for contract tests.

They remember what was posted, so reconciliation and metrics can be checked end to end with
the real adapters; payloads follow the documented shapes.
"""

from __future__ import annotations

import json
import re
from itertools import count
from urllib.parse import parse_qsl, urlsplit

import responses

from tests.platform_helpers import body_fields

JSON_TYPE = {"content-type": "application/json; charset=UTF-8"}


def _query(request) -> dict[str, str]:
    return dict(parse_qsl(urlsplit(request.url).query))


def _form(request) -> dict:
    return body_fields(request)


def _ok(payload) -> tuple[int, dict, str]:
    return 200, JSON_TYPE, json.dumps(payload)


class FakeX:
    """Tweets, media uploads, the user timeline and tweet lookup of one user (id 1234)."""

    def __init__(self, mock: responses.RequestsMock) -> None:
        self.tweets: dict[str, dict] = {}
        self.ids = count(1_850_000_000_000_000_000)
        api = "https://api.twitter.com/2"
        mock.add_callback(responses.POST, f"{api}/media/upload", callback=self.upload)
        mock.add_callback(
            responses.POST, f"{api}/media/metadata", callback=lambda r: _ok({"data": {}})
        )
        mock.add_callback(responses.POST, f"{api}/tweets", callback=self.create)
        mock.add_callback(responses.GET, f"{api}/users/me", callback=self.me)
        mock.add_callback(responses.GET, f"{api}/users/1234/tweets", callback=self.timeline)
        mock.add_callback(responses.GET, f"{api}/tweets", callback=self.lookup)

    def upload(self, request):
        return _ok({"data": {"id": str(next(self.ids)), "media_key": "3_1"}})

    def create(self, request):
        body = json.loads(request.body)
        tweet_id = str(next(self.ids))
        self.tweets[tweet_id] = {
            "id": tweet_id,
            "text": body["text"].replace("&", "&amp;")
            + (" https://t.co/img" if body.get("media") else ""),
            "edit_history_tweet_ids": [tweet_id],
            "created_at": "2026-12-01T02:00:00.000Z",
        }
        return (
            201,
            JSON_TYPE,
            json.dumps(
                {
                    "data": {
                        k: self.tweets[tweet_id][k]
                        for k in ("id", "text", "edit_history_tweet_ids")
                    }
                }
            ),
        )

    def me(self, request):
        user = {"id": "1234", "name": "Perpustakaan Kota Pekalongan", "username": "perpuskotapkl"}
        if "public_metrics" in _query(request).get("user.fields", "").split(","):
            user["public_metrics"] = {
                "followers_count": 2310,
                "following_count": 180,
                "tweet_count": 4120,
                "listed_count": 12,
                "like_count": 950,
            }
        return _ok({"data": user})

    def timeline(self, request):
        return _ok(
            {"data": list(self.tweets.values())[::-1], "meta": {"result_count": len(self.tweets)}}
        )

    def lookup(self, request):
        ids = _query(request)["ids"].split(",")
        metrics = {
            "retweet_count": 1,
            "reply_count": 2,
            "like_count": 9,
            "quote_count": 0,
            "bookmark_count": 1,
            "impression_count": 300,
        }
        data = [{**self.tweets[i], "public_metrics": metrics} for i in ids if i in self.tweets]
        return _ok({"data": data})


class FakeGraph:
    """One Facebook Page (555) and one Instagram account (17841…), Graph API v23.0."""

    PAGE = "555"
    IG = "17841400000000001"

    def __init__(self, mock: responses.RequestsMock, version: str = "v23.0") -> None:
        self.base = f"https://graph.facebook.com/{version}"
        self.posts: dict[str, dict] = {}
        self.containers: dict[str, dict] = {}
        self.ids = count(9000)
        b = re.escape(self.base)
        mock.add_callback(responses.POST, f"{self.base}/", callback=self.batch)
        mock.add_callback(
            responses.POST, re.compile(rf"{b}/{self.PAGE}/(feed|photos)"), callback=self.page_post
        )
        mock.add_callback(
            responses.GET, re.compile(rf"{b}/{self.PAGE}/posts"), callback=self.page_posts
        )
        mock.add_callback(
            responses.GET,
            re.compile(rf"{b}/{self.IG}/content_publishing_limit"),
            callback=lambda r: _ok(
                {
                    "data": [
                        {"quota_usage": 1, "config": {"quota_total": 50, "quota_duration": 86400}}
                    ]
                }
            ),
        )
        mock.add_callback(
            responses.POST, re.compile(rf"{b}/{self.IG}/media$"), callback=self.container
        )
        mock.add_callback(
            responses.POST, re.compile(rf"{b}/{self.IG}/media_publish"), callback=self.media_publish
        )
        mock.add_callback(
            responses.GET, re.compile(rf"{b}/{self.IG}/media"), callback=self.ig_media
        )
        mock.add_callback(responses.GET, re.compile(rf"{b}/[\w_]+(\?.*)?$"), callback=self.node)

    def page_post(self, request):
        fields = _form(request)
        if fields.get("published") == "false":
            return _ok({"id": str(next(self.ids))})
        post_id = f"{self.PAGE}_{next(self.ids)}"
        self.posts[post_id] = {
            "id": post_id,
            "message": fields.get("message", ""),
            "created_time": "2026-12-01T02:00:00+0000",
        }
        return _ok(
            {"id": post_id}
            if request.url.split("?")[0].endswith("/feed")
            else {"id": "1", "post_id": post_id}
        )

    def page_posts(self, request):
        return _ok(
            {"data": [p for p in self.posts.values() if p["id"].startswith(self.PAGE)][::-1]}
        )

    def container(self, request):
        container_id = str(next(self.ids))
        self.containers[container_id] = _form(request)
        return _ok({"id": container_id})

    def media_publish(self, request):
        container = self.containers[_form(request)["creation_id"]]
        media_id = f"1800{next(self.ids)}"
        self.posts[media_id] = {
            "id": media_id,
            "caption": container.get("caption", ""),
            "permalink": f"https://www.instagram.com/p/{media_id}/",
            "timestamp": "2026-12-01T02:00:00+0000",
        }
        return _ok({"id": media_id})

    def ig_media(self, request):
        return _ok({"data": [p for p in self.posts.values() if p["id"].startswith("1800")][::-1]})

    def node(self, request):
        object_id = urlsplit(request.url).path.rsplit("/", 1)[1]
        fields = _query(request).get("fields", "").split(",")
        if object_id == self.PAGE:
            page = {
                "name": "Perpustakaan Kota Pekalongan",
                "username": "perpuskotapkl",
                "category": "Library",
                "followers_count": 5120,
                "fan_count": 4870,
            }
            return _ok({"id": self.PAGE, **{k: v for k, v in page.items() if k in fields}})
        if object_id == self.IG:
            user = {
                "username": "perpuskotapekalongan",
                "name": "Perpustakaan Kota Pekalongan",
                "followers_count": 3400,
                "follows_count": 210,
            }
            return _ok({"id": self.IG, **{k: v for k, v in user.items() if k in fields}})
        if object_id in self.containers:
            return _ok(
                {
                    "id": object_id,
                    "status_code": "FINISHED",
                    "status": "Finished: Media has been uploaded and it is ready to be published.",
                }
            )
        if object_id in self.posts:
            return _ok(self.posts[object_id])
        return (
            400,
            JSON_TYPE,
            json.dumps({"error": {"message": "Unsupported get request.", "code": 100}}),
        )

    def batch(self, request):
        out = []
        for op in json.loads(_form(request)["batch"]):
            object_id = op["relative_url"].split("?")[0]
            if object_id not in self.posts:
                out.append(
                    {
                        "code": 400,
                        "body": json.dumps(
                            {"error": {"message": "Unsupported get request.", "code": 100}}
                        ),
                    }
                )
                continue
            insights = {
                "data": [
                    {"name": "reach", "period": "lifetime", "values": [{"value": 70}]},
                    {"name": "post_media_view", "period": "lifetime", "values": [{"value": 120}]},
                ]
            }
            body = {
                "id": object_id,
                "like_count": 5,
                "comments_count": 1,
                "reactions": {"summary": {"total_count": 5}},
                "comments": {"summary": {"total_count": 1}},
                "insights": insights,
            }
            out.append({"code": 200, "body": json.dumps(body)})
        return _ok(out)


class FakeThreads:
    """One Threads profile on graph.threads.net/v1.0: containers, publish, insights."""

    USER = "26000000000000001"

    def __init__(self, mock: responses.RequestsMock) -> None:
        self.base = "https://graph.threads.net/v1.0"
        self.posts: dict[str, dict] = {}
        self.containers: dict[str, dict] = {}
        self.ids = count(17_890_000)
        b = re.escape(self.base)
        user = rf"{b}/(?:{self.USER}|me)"
        mock.add_callback(
            responses.GET,
            re.compile(rf"{user}/threads_publishing_limit"),
            callback=lambda r: _ok(
                {
                    "data": [
                        {
                            "quota_usage": 3,
                            "config": {"quota_total": 250, "quota_duration": 86400},
                            "reply_quota_usage": 0,
                            "reply_config": {"quota_total": 1000, "quota_duration": 86400},
                        }
                    ]
                }
            ),
        )
        mock.add_callback(responses.POST, re.compile(rf"{user}/threads$"), callback=self.container)
        mock.add_callback(
            responses.POST, re.compile(rf"{user}/threads_publish"), callback=self.publish
        )
        mock.add_callback(
            responses.GET, re.compile(rf"{user}/threads_insights"), callback=self.followers
        )
        mock.add_callback(responses.GET, re.compile(rf"{user}/threads(\?.*)?$"), callback=self.list)
        mock.add_callback(responses.GET, re.compile(rf"{b}/\d+/insights"), callback=self.insights)
        mock.add_callback(responses.GET, re.compile(rf"{b}/[\w]+(\?.*)?$"), callback=self.node)

    def container(self, request):
        container_id = str(next(self.ids))
        self.containers[container_id] = _form(request)
        return _ok({"id": container_id})

    def publish(self, request):
        container = self.containers[_form(request)["creation_id"]]
        media_id = str(next(self.ids))
        self.posts[media_id] = {
            "id": media_id,
            "text": container.get("text", ""),
            "permalink": f"https://www.threads.net/@perpuskotapkl/post/C{media_id}",
            "timestamp": "2026-12-01T02:00:00+0000",
            "reply_to_id": container.get("reply_to_id"),
        }
        return _ok({"id": media_id})

    def list(self, request):
        return _ok({"data": list(self.posts.values())[::-1], "paging": {}})

    def followers(self, request):
        return _ok(
            {
                "data": [
                    {
                        "name": "followers_count",
                        "title": "followers_count",
                        "total_value": {"value": 870},
                        "id": f"{self.USER}/insights/followers_count/day",
                    }
                ]
            }
        )

    def insights(self, request):
        media_id = urlsplit(request.url).path.split("/")[-2]
        if media_id not in self.posts:
            return (
                400,
                JSON_TYPE,
                json.dumps({"error": {"message": "Unsupported get request.", "code": 100}}),
            )
        values = {"views": 240, "likes": 12, "replies": 3, "reposts": 2, "quotes": 1, "shares": 0}
        wanted = _query(request)["metric"].split(",")
        return _ok(
            {
                "data": [
                    {
                        "name": name,
                        "period": "lifetime",
                        "values": [{"value": values[name]}],
                        "title": name,
                        "id": f"{media_id}/insights/{name}/lifetime",
                    }
                    for name in wanted
                ]
            }
        )

    def node(self, request):
        object_id = urlsplit(request.url).path.rsplit("/", 1)[1]
        if object_id in ("me", self.USER):
            return _ok({"id": self.USER, "username": "perpuskotapkl", "name": "Perpus Kota"})
        if object_id in self.containers:
            return _ok({"id": object_id, "status": "FINISHED"})
        if object_id in self.posts:
            return _ok(self.posts[object_id])
        return (
            400,
            JSON_TYPE,
            json.dumps({"error": {"message": "Unsupported get request.", "code": 100}}),
        )


class FakeBluesky:
    """One Bluesky account on bsky.social's XRPC: session, blobs, posts, getPosts."""

    DID = "did:plc:perpuskota4pekalongan7"
    HANDLE = "perpuskota.bsky.social"

    def __init__(self, mock: responses.RequestsMock) -> None:
        self.xrpc = "https://bsky.social/xrpc"
        self.records: dict[str, dict] = {}
        self.blobs = 0
        self.rkeys = count(1)
        x = self.xrpc
        mock.add_callback(
            responses.POST, f"{x}/com.atproto.server.createSession", callback=self.session
        )
        mock.add_callback(responses.POST, f"{x}/com.atproto.repo.uploadBlob", callback=self.blob)
        mock.add_callback(
            responses.POST, f"{x}/com.atproto.repo.createRecord", callback=self.create
        )
        mock.add_callback(
            responses.GET,
            re.compile(rf"{re.escape(x)}/com.atproto.repo.listRecords"),
            callback=self.list,
        )
        mock.add_callback(
            responses.GET,
            re.compile(rf"{re.escape(x)}/app.bsky.feed.getPosts"),
            callback=self.posts,
        )
        mock.add_callback(
            responses.GET,
            re.compile(rf"{re.escape(x)}/app.bsky.actor.getProfile"),
            callback=self.profile,
        )
        mock.add_callback(
            responses.GET,
            re.compile(rf"{re.escape(x)}/com.atproto.identity.resolveHandle"),
            callback=self.resolve,
        )

    def session(self, request):
        return _ok(
            {
                "did": self.DID,
                "handle": self.HANDLE,
                "email": "perpus@example.org",
                "accessJwt": "eyJ-ACCESS-JWT",
                "refreshJwt": "eyJ-REFRESH-JWT",
                "active": True,
            }
        )

    def blob(self, request):
        self.blobs += 1
        return _ok(
            {
                "blob": {
                    "$type": "blob",
                    "ref": {"$link": f"bafkreiblob{self.blobs}"},
                    "mimeType": request.headers["Content-Type"],
                    "size": len(request.body),
                }
            }
        )

    def create(self, request):
        body = json.loads(request.body)
        uri = f"at://{self.DID}/app.bsky.feed.post/3lbpost{next(self.rkeys):05d}"
        cid = f"bafyreicid{len(self.records)}"
        self.records[uri] = {"uri": uri, "cid": cid, "value": body["record"]}
        return _ok({"uri": uri, "cid": cid, "validationStatus": "valid"})

    def list(self, request):
        return _ok({"records": list(self.records.values())[::-1]})

    def posts(self, request):
        uris = [v for k, v in parse_qsl(urlsplit(request.url).query) if k == "uris"]
        found = [
            {
                "uri": uri,
                "cid": self.records[uri]["cid"],
                "author": {"did": self.DID, "handle": self.HANDLE},
                "record": self.records[uri]["value"],
                "replyCount": 2,
                "repostCount": 3,
                "likeCount": 14,
                "quoteCount": 1,
                "indexedAt": "2026-12-01T02:00:01.000Z",
            }
            for uri in uris
            if uri in self.records
        ]
        return _ok({"posts": found})

    def profile(self, request):
        return _ok(
            {
                "did": self.DID,
                "handle": self.HANDLE,
                "displayName": "Perpustakaan Kota Pekalongan",
                "followersCount": 410,
                "followsCount": 95,
                "postsCount": len(self.records),
            }
        )

    def resolve(self, request):
        handle = _query(request)["handle"]
        if handle.endswith(".bsky.social"):
            return _ok({"did": f"did:plc:{handle.split('.')[0]}"})
        return (
            400,
            JSON_TYPE,
            json.dumps({"error": "InvalidRequest", "message": "Unable to resolve handle"}),
        )
