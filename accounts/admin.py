from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from .models import User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ["username", "get_full_name", "role", "district", "agency", "is_active", "last_login"]
    list_filter = ["role", "district", "agency", "is_active"]
    list_select_related = ["district", "agency"]
    search_fields = ["username", "first_name", "last_name", "email"]
    autocomplete_fields = ["district", "agency"]
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
