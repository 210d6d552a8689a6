"""`kenal sync [--mailbox ID] [--loop]`: bring new mail in from every mailbox, once or every few minutes."""

from django.core.management.base import BaseCommand, CommandError

from kenal.accounts.loop import run_every
from kenal.capture import services
from kenal.capture.models import Mailbox, SyncError


class Command(BaseCommand):
    help = "Fetch new messages from the connected mailboxes over IMAP, incrementally by UID."

    def add_arguments(self, parser):
        parser.add_argument(
            "--mailbox", type=int, metavar="ID", help="Sync this mailbox now, whatever its schedule."
        )
        parser.add_argument(
            "--loop", action="store_true", help="Keep running; sync each mailbox when it is due."
        )
        parser.add_argument(
            "--interval",
            type=int,
            default=60,
            help="Seconds between checks for due mailboxes with --loop (60).",
        )

    def handle(self, *args, **options):
        if not options["loop"]:
            self._run_once(options["mailbox"], force=True)
            return
        run_every(
            self,
            name="sync",
            interval=options["interval"],
            step=lambda: self._run_once(options["mailbox"], force=False),
        )

    def _run_once(self, mailbox_id, *, force: bool):
        if mailbox_id is not None:
            mailboxes = Mailbox.objects.filter(pk=mailbox_id)
            if not mailboxes.exists():
                raise CommandError(f"No mailbox {mailbox_id}. `kenal mailbox list --user EMAIL` shows them.")
            if not force:
                mailboxes = mailboxes & services.mailboxes_due()
        else:
            mailboxes = Mailbox.objects.all() if force else services.mailboxes_due()
        for mailbox in mailboxes.select_related("workspace", "user"):
            report = services.mailbox_sync(mailbox=mailbox)
            if report.error:
                self.stderr.write(
                    f"mailbox {mailbox.pk} ({mailbox}): {SyncError(report.error).label} [{report.detail}]"
                )
            else:
                self.stdout.write(f"mailbox {mailbox.pk} ({mailbox}): {report.new} new")
