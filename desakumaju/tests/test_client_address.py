"""The client address from the trusted proxy chain (SECURITY-CHECKLIST AUTH-05, AUTH-01, PUB-01)."""

import ipaddress

from django.test import RequestFactory, override_settings
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from desakumaju.lib.client_address import client_address

PROXY = "172.18.0.1"  # the reverse proxy as the web container sees it
CLIENT = "203.0.113.50"


def _request(forwarded_for=None, remote=PROXY):
    headers = {"HTTP_X_FORWARDED_FOR": forwarded_for} if forwarded_for is not None else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote, **headers)


def test_without_trusted_proxies_it_is_the_connecting_address_whatever_the_header_says(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_address(_request(f"198.51.100.1, {CLIENT}", remote=CLIENT)) == CLIENT


def test_behind_one_proxy_it_is_the_address_the_proxy_appended(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_address(_request(CLIENT)) == CLIENT


def test_behind_one_proxy_entries_the_client_wrote_itself_are_ignored(settings):
    """AUTH-05: a client sending its own X-Forwarded-For is still known by the address the proxy saw."""
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_address(_request(f"198.51.100.1, 10.0.0.1, {CLIENT}")) == CLIENT
    assert client_address(_request(f"not-an-address, {CLIENT}")) == CLIENT
    assert client_address(_request(f'", {CLIENT}')) == CLIENT  # an unclosed quote


def test_behind_two_proxies_it_is_the_second_entry_from_the_right(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_address(_request(f"198.51.100.1, {CLIENT}, 10.1.0.5")) == CLIENT


def test_a_request_that_did_not_come_through_the_proxies_is_known_by_its_connecting_address(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_address(_request()) == PROXY
    assert client_address(_request(CLIENT)) == PROXY  # one entry: only one proxy was passed


def test_it_reads_ipv6_clients(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_address(_request("2001:db8::1")) == "2001:db8::1"


ADDRESSES = st.ip_addresses().map(str)
# Anything, commas and quotes included (a lone '"' once made the parser swallow the proxy's entry).
CLIENT_WRITTEN = st.lists(
    st.one_of(ADDRESSES, st.text(max_size=20), st.sampled_from(['"', '"a,b', "for=", "["])), max_size=5
)


# Addresses a proxy can receive a connection from: IPv4 unicast (1.0.0.0 to 223.255.255.255) and IPv6
# global unicast (2000::/3).
SEEN = st.one_of(
    st.integers(min_value=0x01000000, max_value=0xDFFFFFFF).map(lambda n: str(ipaddress.IPv4Address(n))),
    st.ip_addresses(network="2000::/3").map(str),
)


@hypothesis_settings(max_examples=500)
@given(client_written=CLIENT_WRITTEN, seen=SEEN)
def test_whatever_a_client_writes_it_is_the_address_the_proxy_saw(client_written, seen):
    """AUTH-05 for any header a client can send: what the proxy appends decides."""
    header = ", ".join([*client_written, seen])
    with override_settings(TRUSTED_PROXY_COUNT=1):
        assert ipaddress.ip_address(client_address(_request(header))) == ipaddress.ip_address(seen)
