"""Live capture: mailboxes synced over IMAP and WhatsApp Business numbers whose webhooks bring messages in."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Security(models.TextChoices):
    SSL = "ssl", _("SSL/TLS")
    STARTTLS = "starttls", "STARTTLS"
    PLAIN = "plain", _("none (plain text)")


class SyncError(models.TextChoices):
    """What went wrong in plain words; the technical detail is kept beside it."""

    NONE = "", ""
    LOGIN = (
        "login",
        _("The mail server refused the username or password. Check them and add the mailbox again."),
    )
    UNREACHABLE = (
        "unreachable",
        _("The mail server could not be reached. Check the host and port, and this computer's connection."),
    )
    CERTIFICATE = (
        "certificate",
        _("The mail server's certificate could not be verified, so Kenal did not send the password."),
    )
    TLS = "tls", _("A secure connection to the mail server could not be made. Check the security setting.")
    DROPPED = (
        "dropped",
        _("The connection was lost during the sync. The next sync continues where it stopped."),
    )
    FOLDER = "folder", _("A folder of this mailbox does not exist on the server.")
    PASSWORD = (
        "password",
        _("The stored password can't be read since the secret key changed. Add the mailbox again."),
    )
    OTHER = "other", _("The sync stopped with an unexpected error.")


class Mailbox(models.Model):
    """A user's mailbox, read over IMAP; the password is sealed with a key derived from the secret key."""

    workspace = models.ForeignKey("accounts.Workspace", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mailboxes")
    host = models.CharField(_("host"), max_length=255)
    port = models.PositiveIntegerField(_("port"), default=993)
    security = models.CharField(_("security"), max_length=10, choices=Security.choices, default=Security.SSL)
    username = models.CharField(_("username"), max_length=255)
    password_sealed = models.TextField()
    # Addresses that are the user's own: mail from them is "me" (learned from the Sent folders too).
    addresses = models.JSONField(default=list, blank=True)
    folders = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)
    last_sync_at = models.DateTimeField(null=True, blank=True)
    next_sync_at = models.DateTimeField(null=True, blank=True, db_index=True)
    message_count = models.PositiveIntegerField(default=0)  # messages brought in, over every sync
    last_error = models.CharField(max_length=12, choices=SyncError.choices, blank=True)
    last_error_detail = models.TextField(blank=True)
    last_error_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return f"{self.username}@{self.host}"


class MailboxFolder(models.Model):
    """Where the sync of one folder stands: the UIDVALIDITY it read under and the last UID stored."""

    mailbox = models.ForeignKey(Mailbox, on_delete=models.CASCADE, related_name="folder_states")
    name = models.CharField(max_length=255)
    uidvalidity = models.BigIntegerField(null=True, blank=True)
    last_uid = models.BigIntegerField(default=0)
    is_sent = models.BooleanField(default=False)

    class Meta:
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["mailbox", "name"], name="unique_mailbox_folder")]

    def __str__(self):
        return f"{self.mailbox} {self.name}"


class WhatsAppConnection(models.Model):
    """A WhatsApp Business number whose Cloud API webhooks reach /hooks/whatsapp/<secret>/."""

    workspace = models.ForeignKey("accounts.Workspace", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    phone_number_id = models.CharField(_("phone number ID"), max_length=64, unique=True)
    verify_token = models.CharField(_("verify token"), max_length=200)
    app_secret_sealed = models.TextField()
    secret = models.CharField(max_length=64, unique=True)  # the webhook address's unguessable part
    created_at = models.DateTimeField(auto_now_add=True)
    last_received_at = models.DateTimeField(null=True, blank=True)
    message_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.phone_number_id


class WhatsAppStatus(models.Model):
    """The latest state Meta reported for a message the business sent (sent, delivered, read, failed)."""

    class State(models.TextChoices):
        SENT = "sent", _("sent")
        DELIVERED = "delivered", _("delivered")
        READ = "read", _("read")
        FAILED = "failed", _("failed")

    workspace = models.ForeignKey("accounts.Workspace", on_delete=models.CASCADE, related_name="+")
    connection = models.ForeignKey(WhatsAppConnection, on_delete=models.CASCADE, related_name="statuses")
    wamid = models.CharField(max_length=200)  # Meta's message id
    recipient = models.CharField(max_length=32, blank=True)  # the customer's wa_id
    message = models.ForeignKey(
        "conversations.Message", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    state = models.CharField(max_length=10, choices=State.choices)
    at = models.DateTimeField()

    class Meta:
        ordering = ["-at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["connection", "wamid"], name="unique_whatsapp_status")]
        indexes = [models.Index(fields=["connection", "recipient", "at"])]

    def __str__(self):
        return f"{self.wamid}: {self.state}"
