"""What a merge of two people changed, so that it can be undone within 30 days."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

UNDO_DAYS = 30


class PersonMerge(models.Model):
    workspace = models.ForeignKey("accounts.Workspace", on_delete=models.CASCADE, related_name="+")
    # The kept person; the other one is gone and lives on in `snapshot` until the merge is undone.
    kept = models.ForeignKey("people.Person", null=True, on_delete=models.SET_NULL, related_name="+")
    other_id = models.BigIntegerField()
    other_name = models.CharField(max_length=200)
    # {"person": row, "many": {...}, "moved": [[model, column, [ids]]], "deleted": [[model, row]], "kept_before": {...}}
    snapshot = models.JSONField()
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    merged_at = models.DateTimeField()
    undone_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-merged_at", "-pk"]
        indexes = [models.Index(fields=["workspace", "merged_at"])]

    def __str__(self):
        return f"{self.other_name} → {self.kept_id}"

    @property
    def undoable(self) -> bool:
        return self.undone_at is None and timezone.now() - self.merged_at <= timedelta(days=UNDO_DAYS)
