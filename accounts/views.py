"""The second factor's pages: set it up, give a code after the password, and the account's security page."""

from django.contrib.auth import update_session_auth_hash
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods
from django_otp.plugins.otp_static.models import StaticToken

from . import second_factor, services
from .forms import SecondFactorForm
from .middleware import allowed_before_second_factor


def _next_url(request) -> str:
    url = request.POST.get("next") or request.GET.get("next", "")
    safe = url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}, require_https=request.is_secure())
    return url if safe else reverse("home")


@allowed_before_second_factor
@never_cache
@sensitive_post_parameters("code")
@require_http_methods(["GET", "POST"])
def otp_setup(request):
    """Link an authenticator app (QR code or typed secret), confirm with a code, show the recovery codes once."""
    user = request.user
    if second_factor.confirmed_totp_device(user):  # changing it needs an admin's reset first
        return redirect("accounts:security" if user.is_verified() else second_factor.VERIFY)
    device = second_factor.pending_totp_device(user)
    form = SecondFactorForm(request.POST or None, user=user, devices=[device])
    if request.method == "POST" and form.is_valid():
        codes = services.confirm_totp_device(device=device)
        update_session_auth_hash(request, device.user)  # this session goes on, the others end
        second_factor.complete(request, device)
        return render(request, "accounts/recovery_codes.html", {"codes": codes, "next": _next_url(request)})
    context = {
        "form": form,
        "next": _next_url(request),
        "qr_code": second_factor.qr_code_data_uri(device),
        "secret": second_factor.secret_text(device),
        "required": second_factor.is_required_for(user),
    }
    return render(request, "accounts/otp_setup.html", context)


@allowed_before_second_factor
@never_cache
@sensitive_post_parameters("code")
@require_http_methods(["GET", "POST"])
def otp_verify(request):
    """After the password: a code from the app or a recovery code."""
    user = request.user
    if user.is_verified():
        return redirect(_next_url(request))
    if second_factor.confirmed_totp_device(user) is None:
        return redirect(second_factor.SETUP if second_factor.is_required_for(user) else "accounts:security")
    form = SecondFactorForm(request.POST or None, user=user, devices=second_factor.devices_to_verify(user))
    if request.method == "POST" and form.is_valid():
        second_factor.complete(request, form.device)
        return redirect(_next_url(request))
    return render(request, "accounts/otp_verify.html", {"form": form, "next": _next_url(request)})


@require_GET
def security(request):
    """The account's second factor: whether it is on, how many recovery codes are left; turning it on."""
    device = second_factor.confirmed_totp_device(request.user)
    context = {
        "device": device,
        "required": second_factor.is_required_for(request.user),
        "recovery_codes_left": StaticToken.objects.filter(device__user=request.user).count(),
    }
    return render(request, "accounts/security.html", context)
