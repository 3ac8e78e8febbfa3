from django.utils.cache import add_never_cache_headers, patch_cache_control


class NoStoreMiddleware:
    """Keep pages shown to a logged-in user out of browser and proxy caches (they carry PII)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.user.is_authenticated:
            add_never_cache_headers(response)
            patch_cache_control(response, no_store=True, private=True)
        return response
