"""Where a webhook may post: a public http(s) address. Addresses on the server's own networks
(loopback, private, link-local, ...) are refused, so an event's organizer cannot make the
server call its neighbours, unless LMEVENTS_WEBHOOK_PRIVATE_TARGETS=1 (an intranet, tests)."""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

from flask_babel import lazy_gettext as _l


class TargetRefused(Exception):
    """The receiver's address is not one the server posts to (the reason is for organizers)."""


def url_fault(url: str, private_targets: bool) -> str | None:
    """Why `url` cannot receive webhooks, or None; names are resolved only when delivering."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return _l("Enter a web address such as https://example.org/hooks/lmevents.")
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return _l("Enter a web address such as https://example.org/hooks/lmevents.")
    if parts.username is not None or parts.password is not None:
        return _l("The address cannot carry a user name or password: the signature proves "
                  "who sends.")
    if port == 0:
        return _l("Enter a web address such as https://example.org/hooks/lmevents.")
    address = _literal_address(parts.hostname)
    if address is not None and not private_targets and not address.is_global:
        return _l("Webhooks are sent to public addresses only, not to %(host)s.",
                  host=parts.hostname)
    return None


def _literal_address(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None


def check_reachable(url: str, private_targets: bool) -> None:
    """Before each try: the name must resolve to public addresses only."""
    if private_targets:
        return
    parts = urlsplit(url)
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or 443, proto=socket.IPPROTO_TCP)
    except OSError as exc:
        raise TargetRefused(f"{parts.hostname} does not resolve: {exc}") from exc
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%")[0])
        if not address.is_global:
            raise TargetRefused(f"{parts.hostname} resolves to {address}, which is not a "
                                "public address")
