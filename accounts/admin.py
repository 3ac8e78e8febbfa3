from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db.models import Exists, OuterRef
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import services
from .models import User

# django-otp's own admin pages show every user's TOTP secret and QR code: a second factor is reset
# through the user list instead, never read.
for device_model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(device_model):
        admin.site.unregister(device_model)


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = [
        "username", "get_full_name", "role", "district", "agency", "is_active", "has_second_factor", "last_login",
    ]  # fmt: skip
    list_filter = ["role", "district", "agency", "is_active"]
    list_select_related = ["district", "agency"]
    search_fields = ["username", "first_name", "last_name", "email"]
    autocomplete_fields = ["district", "agency"]
    actions = ["reset_second_factor"]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("Data diri", {"fields": ("first_name", "last_name", "email")}),
        ("Peran dan wilayah kerja", {"fields": ("role", "district", "agency", "is_active")}),
        ("Waktu", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("username", "password1", "password2")}),
        ("Peran dan wilayah kerja", {"fields": ("role", "district", "agency")}),
    )
    readonly_fields = ["last_login", "date_joined"]

    def get_queryset(self, request):
        confirmed = TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)
        return super().get_queryset(request).annotate(second_factor=Exists(confirmed))

    @admin.display(description="2 langkah", boolean=True, ordering="second_factor")
    def has_second_factor(self, user):
        return user.second_factor

    @admin.action(description="Atur ulang verifikasi dua langkah pengguna terpilih", permissions=["change"])
    def reset_second_factor(self, request, queryset):
        """For a lost phone or used-up recovery codes: the user sets it up again (admins at their next login).

        Not one's own: another admin confirms that the person asking is who they say.
        """
        users = list(queryset.exclude(pk=request.user.pk))
        for user in users:
            services.reset_second_factor(user=user, actor=request.user)
            self.log_change(request, user, "Verifikasi dua langkah diatur ulang.")
        if queryset.filter(pk=request.user.pk).exists():
            self.message_user(
                request,
                "Verifikasi dua langkah akun Anda sendiri hanya dapat diatur ulang oleh admin lain.",
                messages.WARNING,
            )
        if users:
            self.message_user(request, f"Verifikasi dua langkah {len(users)} pengguna diatur ulang.", messages.SUCCESS)
