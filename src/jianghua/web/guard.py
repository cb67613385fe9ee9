"""Refuse cross-site requests and DNS rebinding; set headers that keep the page local.

A page on another site can make the drafter's browser send requests to
``http://127.0.0.1:8765``: a form POST needs no permission, and a rebinding attack
(a name of the attacker's that first points at their server, then at 127.0.0.1)
even lets their script read the answers. Two checks stop both, on every request:

* ``Host`` must name this server: a loopback name or address when bound to loopback,
  an IP address or this machine's name otherwise. A rebound name fails this.
* ``Origin``, when the browser sends it (every cross-origin POST and every fetch that
  is not a plain GET), must be this server's own origin; ``Sec-Fetch-Site:
  cross-site`` is refused too. Tools such as curl send neither and are let through.

Every answer also carries a Content-Security-Policy that lets the page load and talk
to nothing but this server (no CDN, no fonts, no analytics could work even if added
by mistake), and API answers are not cached.
"""

from __future__ import annotations

import ipaddress
import json
import socket
from collections.abc import Iterable

from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["HostGuard", "is_loopback"]

LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost"})

_CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
        "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
_HEADERS = [
    (b"content-security-policy", _CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
]


def is_loopback(host: str) -> bool:
    host = host.strip("[]").lower()
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


def _split_host(value: str) -> str:
    """The host part of a ``Host`` header (``[::1]:8765`` → ``[::1]``)."""
    value = value.strip().lower()
    if value.startswith("["):
        return value[:value.find("]") + 1] if "]" in value else value
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


class HostGuard:
    """ASGI middleware: 403 for a foreign Host or Origin; security headers on answers."""

    def __init__(self, app: ASGIApp, *, bound_host: str = "127.0.0.1",
                 extra_hosts: Iterable[str] = ()) -> None:
        self.app = app
        self.loopback_only = is_loopback(bound_host)
        names = {bound_host.lower(), *(h.lower() for h in extra_hosts)}
        if not self.loopback_only:
            names |= {socket.gethostname().lower(), socket.getfqdn().lower()}
        self.names = names

    def host_allowed(self, host: str) -> bool:
        name = _split_host(host)
        if is_loopback(name) or name in self.names or name.strip("[]") in self.names:
            return True
        # Bound to a network address the drafter's colleagues reach it by IP; a name
        # other than this machine's is how rebinding arrives, an IP literal is not.
        return not self.loopback_only and _is_ip(name)

    def refusal(self, scope: Scope) -> str | None:
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        host = headers.get("host", "")
        if not host or not self.host_allowed(host):
            return (f"拒绝访问：Host “{host}” 不是本机服务的地址 (refused: the Host "
                    f"header {host!r} does not name this server)")
        origin = headers.get("origin")
        if origin is not None and origin.lower() != f"{scope.get('scheme', 'http')}://{host}".lower():
            return (f"拒绝跨站请求：来源 {origin} 不是本页面 (refused: a cross-site request "
                    f"from {origin})")
        if headers.get("sec-fetch-site") == "cross-site":
            return "拒绝跨站请求 (refused: a cross-site request)"
        return None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        refusal = self.refusal(scope)
        is_api = scope["path"].startswith("/api/")

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                extra = list(_HEADERS)
                if is_api:
                    extra.append((b"cache-control", b"no-store"))
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        if refusal is None:
            await self.app(scope, receive, send_with_headers)
            return
        body = json.dumps({"error": {"message": refusal}}, ensure_ascii=False).encode()
        await send_with_headers({"type": "http.response.start", "status": 403, "headers": [
            (b"content-type", b"application/json; charset=utf-8"),
            (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})
