from django import forms
from django.contrib.auth.forms import AuthenticationForm


class LoginForm(AuthenticationForm):
    """The login form, with one message whether the username exists or not."""

    error_messages = {
        "invalid_login": "Nama pengguna atau kata sandi salah.",
        "inactive": "Nama pengguna atau kata sandi salah.",
    }

    username = forms.CharField(
        label="Nama pengguna",
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )
    password = forms.CharField(
        label="Kata sandi",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
