"""The address a request came from, read through the council's own reverse proxies only.

A reverse proxy (nginx, a cloud load balancer, an application gateway) appends the address of
whoever connected to it to X-Forwarded-For, so the header reads "what the client claimed, ...,
the client's real address, [further trusted proxies]". Walking it from the right and stopping at
the first address that is not one of our proxies gives the client's address; anything to the left
of that was written by the client and is ignored. With no trusted proxies configured the header
is ignored altogether and the connection's own address is the client's.
"""

import ipaddress
from functools import lru_cache

from django.conf import settings

IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def _networks(trusted: tuple[str, ...]) -> tuple[IPNetwork, ...]:
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in trusted)


def _parse(address: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(address.strip())
    except ValueError:
        return None


def client_ip(request) -> str | None:
    """The client's address: REMOTE_ADDR, or X-Forwarded-For read through TRUSTED_PROXIES."""
    remote = request.META.get("REMOTE_ADDR") or None
    networks = _networks(tuple(settings.TRUSTED_PROXIES))
    if not networks or remote is None:
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [hop for hop in forwarded.split(",") if hop.strip()]
    address = remote
    parsed = _parse(remote)
    while parsed is not None and any(parsed in network for network in networks) and hops:
        candidate = _parse(hops.pop())
        if candidate is None:
            break  # not an address: our proxy would not have written it; keep the last good one
        address, parsed = str(candidate), candidate
    return address
