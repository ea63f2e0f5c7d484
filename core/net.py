"""The client's address, for every rate limit (DRF throttles and allauth's login limits).

X-Forwarded-For is the client's own words except for the entries our proxies appended, so it
is read only when settings.TRUSTED_PROXY_COUNT says how many proxies sit in front: the address
the outermost of them saw is the n-th entry from the right. With 0 (the default) it is the
socket's address, and rotating the header changes nothing."""

from rest_framework.throttling import BaseThrottle


def client_ip(request) -> str:
    # One rule for both: DRF's, with REST_FRAMEWORK["NUM_PROXIES"] = TRUSTED_PROXY_COUNT.
    return BaseThrottle().get_ident(request) or ""
