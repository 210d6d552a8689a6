"""Conversations imported from WhatsApp, email and Telegram, their messages, and the import runs."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kenal.accounts.models import WorkspaceScoped


class Source(models.TextChoices):
    WHATSAPP = "whatsapp", "WhatsApp"
    EMAIL = "email", _("email")
    TELEGRAM = "telegram", "Telegram"


class Conversation(WorkspaceScoped):
    """One chat, group chat or email thread."""

    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    title = models.CharField(_("title"), max_length=300)
    # Identifies the chat across imports: the chat name for WhatsApp, the chat id for Telegram, the
    # thread's root Message-ID for email.
    thread_key = models.CharField(max_length=400)
    # Names as written in the export, never the group's own name.
    participants = models.JSONField(default=list, blank=True)
    # The sender taken as the user, as written in the export; "" while unknown (the import asks).
    me = models.CharField(_("me"), max_length=300, blank=True, default="")
    person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="conversations"
    )
    is_group = models.BooleanField(default=False)
    message_count = models.PositiveIntegerField(default=0)
    first_at = models.DateTimeField(null=True, blank=True)
    last_at = models.DateTimeField(null=True, blank=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # What the stored reply times were computed from (messages and working hours); another value means stale.
    reply_times_of = models.CharField(max_length=40, blank=True, default="")

    class Meta:
        ordering = ["-last_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["workspace", "source", "thread_key"], name="unique_conversation_thread"
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("conversations:detail", args=[self.pk])


class Message(WorkspaceScoped):
    class Direction(models.TextChoices):
        ME = "me", _("me")
        THEM = "them", _("them")

    class Kind(models.TextChoices):
        TEXT = "text", _("text")
        MEDIA = "media", _("media")
        DELETED = "deleted", _("deleted")
        SYSTEM = "system", _("system")

    # Both foreign keys lead the composite indexes below: their own single-column indexes would only slow
    # every insert of a million-message import.
    workspace = models.ForeignKey(
        "accounts.Workspace", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="messages", db_index=False
    )
    person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="messages"
    )
    sender = models.CharField(_("sender"), max_length=300, blank=True)  # as written in the export
    sender_address = models.CharField(max_length=300, blank=True)
    direction = models.CharField(max_length=4, choices=Direction.choices, default=Direction.THEM)
    at = models.DateTimeField(_("at"))
    text = models.TextField(_("text"), blank=True)  # for analysis: email quotes and signatures stripped
    original = models.TextField(blank=True)  # the text as exported, when it differs from `text`
    kind = models.CharField(max_length=8, choices=Kind.choices, default=Kind.TEXT)
    edited = models.BooleanField(default=False)
    fingerprint = models.CharField(max_length=40)
    line = models.PositiveIntegerField(default=0)  # line (or record) number in the source file
    import_file = models.ForeignKey(
        "conversations.ImportFile", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["at", "pk"]
        constraints = [
            # Fingerprint first: the importer's dedup lookup (`fingerprint IN (…)`) can only use this index,
            # where SQLite's planner, given `workspace_id = ?` too, preferred scanning the workspace's messages.
            models.UniqueConstraint(fields=["fingerprint", "workspace"], name="unique_message_fingerprint")
        ]
        indexes = [
            models.Index(fields=["conversation", "at"]),
            models.Index(fields=["workspace", "person", "at"]),
            models.Index(fields=["workspace", "at"]),
        ]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.sender}: {self.text[:50]}"


class ImportRun(WorkspaceScoped):
    """One import (from the CLI or the upload page) of one or more files."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting")
        RUNNING = "running", _("importing")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    source = models.CharField(max_length=10, choices=Source.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # How to read the files of an upload ({"me": [...], "tz": "Asia/Jakarta", "fmt": null}).
    options = models.JSONField(default=dict, blank=True)
    # The poll that is processing this run holds it until then; a second tab only watches.
    lease_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.source} import {self.pk}"

    def get_absolute_url(self):
        return reverse("conversations:run", args=[self.pk])


class ImportFile(WorkspaceScoped):
    """One file of an import run and what came out of it."""

    run = models.ForeignKey(ImportRun, on_delete=models.CASCADE, related_name="files")
    upload = models.ForeignKey(
        "accounts.Upload", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    name = models.CharField(max_length=500)
    conversation = models.ForeignKey(
        Conversation, null=True, blank=True, on_delete=models.SET_NULL, related_name="import_files"
    )
    messages = models.PositiveIntegerField(default=0)
    system = models.PositiveIntegerField(default=0)
    new = models.PositiveIntegerField(default=0)
    duplicates = models.PositiveIntegerField(default=0)
    first_at = models.CharField(max_length=40, blank=True)  # local ISO time, as reported
    last_at = models.CharField(max_length=40, blank=True)
    participants = models.JSONField(default=dict, blank=True)
    malformed = models.JSONField(default=list, blank=True)
    notes = models.JSONField(default=list, blank=True)  # what reading changed: cuts, dropped characters
    error = models.TextField(blank=True)
    progress = models.PositiveIntegerField(default=0)  # messages and system lines stored so far: resume here
    total = models.PositiveIntegerField(
        default=0
    )  # messages and system lines in the file, for the progress bar
    done = models.BooleanField(default=False)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.name


class UnmatchedSender(WorkspaceScoped):
    """A sender no person matched; the import review page resolves it."""

    class Status(models.TextChoices):
        OPEN = "open", _("to review")
        LINKED = "linked", _("linked")
        IGNORED = "ignored", _("ignored")
        ME = "me", _("me")

    name = models.CharField(max_length=300)
    address = models.CharField(max_length=300, blank=True)
    source = models.CharField(max_length=10, choices=Source.choices)
    message_count = models.PositiveIntegerField(default=0)
    last_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    run = models.ForeignKey(
        ImportRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="unmatched"
    )

    class Meta:
        ordering = ["-message_count", "name"]
        constraints = [
            models.UniqueConstraint(fields=["workspace", "name", "address"], name="unique_unmatched_sender")
        ]

    def __str__(self):
        return self.name


class ReplyTime(WorkspaceScoped):
    """One timed reply, or one conversation start, kept so pages need not re-read every message."""

    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="reply_times")
    side = models.CharField(max_length=4, choices=Message.Direction.choices)  # who replied, or who started
    at = models.DateTimeField()
    # Both empty for a start: nobody was answered.
    seconds = models.FloatField(null=True)
    working_seconds = models.FloatField(null=True)

    class Meta:
        indexes = [models.Index(fields=["conversation", "at"])]

    def __str__(self):
        return f"{self.side} at {self.at:%Y-%m-%d %H:%M}"
