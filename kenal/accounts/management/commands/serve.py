import ipaddress
import os
import socket

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from kenal.accounts.selectors import user_by_email


def is_loopback(host: str) -> bool:
    if host in ("localhost", ""):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        try:
            return all(
                ipaddress.ip_address(info[4][0]).is_loopback for info in socket.getaddrinfo(host, None)
            )
        except OSError:
            return False


class Command(BaseCommand):
    help = "Migrate if needed and serve Kenal with waitress on KENAL_HOST:KENAL_PORT."

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("KENAL_HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("KENAL_PORT", "8000")))
        parser.add_argument("--threads", type=int, default=int(os.environ.get("KENAL_THREADS", "8")))

    def handle(self, *args, host, port, threads, **options):
        if MigrationExecutor(connection).migration_plan(
            MigrationExecutor(connection).loader.graph.leaf_nodes()
        ):
            call_command("migrate", interactive=False, verbosity=0)
            self.stdout.write("Database migrated.")
        if not is_loopback(host) and user_by_email(settings.KENAL_DEMO_EMAIL):
            raise CommandError(
                f"Refusing to serve on {host}: the demo account {settings.KENAL_DEMO_EMAIL} exists and its "
                "password is public. Delete it first, or serve on 127.0.0.1."
            )
        from django.core.wsgi import get_wsgi_application
        from waitress import serve

        application = get_wsgi_application()
        display = f"[{host}]" if ":" in host else host
        self.stdout.write(f"Kenal is running at http://{display}:{port}/")
        if user_by_email(settings.KENAL_DEMO_EMAIL):
            self.stdout.write(f"Demo login: {settings.KENAL_DEMO_EMAIL} / {settings.KENAL_DEMO_PASSWORD}")
        self.stdout.flush()
        serve(application, host=host, port=port, threads=threads, ident="Kenal")
