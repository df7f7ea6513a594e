from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('calls', '0003_published'),
    ]

    operations = [
        migrations.AddField(
            model_name='call',
            name='rounds',
            field=models.JSONField(blank=True, default=list, verbose_name='rounds'),
        ),
    ]
