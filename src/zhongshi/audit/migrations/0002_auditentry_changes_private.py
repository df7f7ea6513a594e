from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="auditentry",
            name="changes",
            field=models.JSONField(blank=True, null=True, verbose_name="changes"),
        ),
        migrations.AddField(
            model_name="auditentry",
            name="private",
            field=models.BooleanField(db_index=True, default=False, verbose_name="author's draft"),
        ),
    ]
