"""Engagement.referral is gone: network.Referral.engagements now holds the link (copied in network 0002)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("engagements", "0003_clientrequest_message_foreign_key"),
        ("network", "0002_referral_engagements"),
    ]

    operations = [
        migrations.RemoveField(model_name="engagement", name="referral"),
    ]
