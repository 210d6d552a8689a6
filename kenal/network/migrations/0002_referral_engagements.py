"""The link from a referral to the work that followed moves to network: Referral.engagements.

It was Engagement.referral, a key from engagements up to network while network reads engagements.
"""

from django.db import migrations, models


def copy_links(apps, schema_editor):
    Engagement = apps.get_model("engagements", "Engagement")
    Referral = apps.get_model("network", "Referral")
    # In this state Engagement.referral's reverse accessor is also called "engagements": ask the field.
    Link = Referral._meta.get_field("engagements").remote_field.through
    rows = Engagement.objects.filter(referral__isnull=False).values_list("referral_id", "pk")
    Link.objects.bulk_create(
        [Link(referral_id=referral_id, engagement_id=engagement_id) for referral_id, engagement_id in rows],
        batch_size=1000,
    )


def copy_back(apps, schema_editor):
    Engagement = apps.get_model("engagements", "Engagement")
    Referral = apps.get_model("network", "Referral")
    Link = Referral._meta.get_field("engagements").remote_field.through
    for link in Link.objects.all().iterator():
        Engagement.objects.filter(pk=link.engagement_id).update(referral_id=link.referral_id)


class Migration(migrations.Migration):
    dependencies = [
        ("engagements", "0003_clientrequest_message_foreign_key"),
        ("network", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="referral",
            name="engagements",
            field=models.ManyToManyField(
                blank=True, related_name="+", to="engagements.engagement", verbose_name="work that followed"
            ),
        ),
        migrations.RunPython(copy_links, copy_back, elidable=True),
    ]
