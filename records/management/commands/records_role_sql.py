from django.core.management.base import BaseCommand
from django.db import connection

from records.append_only import append_only_models


class Command(BaseCommand):
    help = (
        "Print the SQL that lets ROLE (the web and workers' database role, not the tables' owner) read and write "
        "the portal's tables but only read and insert the append-only records (docs/privacy/README.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument("role")

    def handle(self, *args, role, **options):
        quote = connection.ops.quote_name
        self.stdout.write(f"GRANT USAGE ON SCHEMA public TO {quote(role)};")
        self.stdout.write(f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {quote(role)};")
        self.stdout.write(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {quote(role)};")
        for model in append_only_models():
            self.stdout.write(f"REVOKE UPDATE, DELETE, TRUNCATE ON {quote(model._meta.db_table)} FROM {quote(role)};")
