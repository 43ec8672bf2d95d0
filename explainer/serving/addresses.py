"""Who is asking: the reader's own address, behind our proxies.

gunicorn sees the address of whatever connected to it: nginx (or a load balancer), the
same for every reader. Login throttling (django-axes, `AXES_CLIENT_IP_CALLABLE`) must key
on the reader instead, or five wrong passwords from anyone lock an editor out for all.

Each proxy of ours appends the address it was reached from to `X-Forwarded-For` (nginx:
`$proxy_add_x_forwarded_for`), so the header ends with entries we can trust, one per
proxy, and starts with whatever the client itself sent, which may be forged. With
`PROXY_COUNT` proxies (`DJANGO_PROXY_COUNT`: 1 for nginx alone, 2 with a load balancer in
front of it, 0 when nothing stands in front of gunicorn), the client is the entry that
many places from the right: the one our outermost proxy wrote.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings


def client_address(request) -> str | None:
    """The client's IP address, from our proxies' X-Forwarded-For entries; REMOTE_ADDR
    without them (or when the entry is not an address: a broken proxy setting must not
    let a client choose its address or fill the lock table with text)."""
    remote = request.META.get("REMOTE_ADDR") or None
    count = settings.PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if count < 1 or not forwarded:
        return remote
    entries = [entry.strip() for entry in forwarded.split(",")]
    # Fewer entries than proxies: the request skipped the outermost one (a probe from
    # inside); every entry there is still one of ours, and the leftmost is the furthest.
    found = address(entries[-count] if len(entries) >= count else entries[0])
    return found or remote


def address(entry: str) -> str | None:
    """An IP address in its normal form, from an entry that may carry a port (some load
    balancers write `203.0.113.5:41234` or `[2001:db8::1]:41234`); None if it is none."""
    if entry.startswith("[") and "]" in entry:
        entry = entry[1:entry.index("]")]
    elif entry.count(":") == 1:  # IPv4 with a port (an IPv6 address has several colons)
        entry = entry.partition(":")[0]
    try:
        return str(ipaddress.ip_address(entry))
    except ValueError:
        return None
