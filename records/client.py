"""Where a request came from, for the change trail and the access log: the portal's one client address
(``desakumaju.lib.client_address``: the address the trusted proxies saw)."""

from desakumaju.lib.client_address import client_address

__all__ = ["client_address"]
