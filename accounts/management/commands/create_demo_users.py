from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import second_factor, services
from accounts.models import Role, User
from programs.models import Agency
from villages.models import District

DEMO_PASSWORD = "desakumaju-demo-2026"  # noqa: S105 - public on purpose, DEBUG only
# The demo admin's authenticator secret: public on purpose like the password, so that an authenticator
# app set up once keeps working after `make run` is run again. DEBUG only.
DEMO_TOTP_KEY = b"desakumaju-demo-2026".hex()
# username, full name, role, district code, agency short name
DEMO_USERS = [
    ("admin.bappeda", "Rina Admin Bappeda", Role.BAPPEDA_ADMIN, None, None),
    ("petugas.lamsel", "Budi Petugas Lampung Selatan", Role.DISTRICT_OFFICER, "18.01", None),
    ("petugas.metro", "Sari Petugas Kota Metro", Role.DISTRICT_OFFICER, "18.72", None),
    ("staf.pertanian", "Agus Staf Dinas Pertanian", Role.AGENCY_STAFF, None, "Dinas Pertanian TPH"),
    ("pimpinan", "Dewi Pimpinan TKPK", Role.VIEWER, None, None),
]


class Command(BaseCommand):
    help = "Create one demo login per role (for `make run`); refuses to run outside DEBUG."

    def add_arguments(self, parser):
        parser.add_argument("--allow-without-debug", action="store_true", help="Run even when DEBUG is off.")

    def handle(self, *args, allow_without_debug=False, **options):
        if not (settings.DEBUG or allow_without_debug):
            raise CommandError("Demo users have a public password: run only with DJANGO_DEBUG=true.")
        self.stdout.write(f"Akun demo (kata sandi semua: {DEMO_PASSWORD}):")
        for username, full_name, role, district_code, agency_name in DEMO_USERS:
            user = User.objects.filter(username=username).first() or User(username=username)
            user.first_name, user.last_name = full_name.split(" ", 1)
            user.role = role
            user.district = District.objects.get(code=district_code) if district_code else None
            user.agency = Agency.objects.get(short_name=agency_name) if agency_name else None
            user.set_password(DEMO_PASSWORD)
            user.save()
            self.stdout.write(f"  {username:<16} {user.get_role_display()}")
            if second_factor.is_required_for(user):
                self._second_factor(user)

    @transaction.atomic
    def _second_factor(self, user):
        """The demo admin gets the real second factor (no rule is relaxed for the demo): a known secret to
        put into an authenticator app, and fresh recovery codes for logging in without one."""
        TOTPDevice.objects.filter(user=user).delete()
        device = TOTPDevice.objects.create(user=user, name="Demo", key=DEMO_TOTP_KEY, confirmed=True)
        codes = services.issue_recovery_codes(user=user)
        self.stdout.write(
            f"    Verifikasi dua langkah: kunci untuk aplikasi autentikator {second_factor.secret_text(device)}\n"
            f"    ({device.config_url})\n"
            f"    atau satu kode cadangan (sekali pakai): {' '.join(codes)}"
        )
