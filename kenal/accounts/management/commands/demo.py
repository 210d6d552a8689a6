from django.core.management.base import BaseCommand

from kenal.accounts.demo import demo_load


class Command(BaseCommand):
    help = "Load the bilingual demo workspace (idempotent): demo@kenal.local / kenal-demo."

    def handle(self, *args, **options):
        user = demo_load()
        self.stdout.write(f"Demo workspace ready. Log in as {user.email} / kenal-demo")
