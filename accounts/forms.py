from django import forms
from django.contrib.auth.forms import AuthenticationForm

from . import second_factor


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


class SecondFactorForm(forms.Form):
    """A code from the authenticator app, or a recovery code, checked against ``devices``."""

    code = forms.CharField(
        label="Kode verifikasi",
        max_length=32,
        help_text="6 angka dari aplikasi autentikator, atau salah satu kode cadangan.",
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "one-time-code", "spellcheck": "false"}),
    )

    def __init__(self, *args, user, devices, **kwargs):
        super().__init__(*args, **kwargs)
        self.user, self.devices, self.device = user, devices, None

    def clean_code(self):
        code = self.cleaned_data["code"]
        try:
            self.device = second_factor.check_code(self.user, self.devices, code)
        except second_factor.TooManyWrongCodes as error:
            raise forms.ValidationError(
                f"Terlalu banyak kode yang salah. Coba lagi dalam {error.seconds} detik."
            ) from error
        except second_factor.WrongCode as error:
            raise forms.ValidationError("Kode salah atau sudah dipakai.") from error
        return code
