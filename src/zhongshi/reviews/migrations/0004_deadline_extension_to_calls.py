"""DeadlineExtension now lives in the calls app (calls 0005 takes over its model state); its table and rows
stay. The level choices are the calls app's ReviewLevel (labels only: nothing changes in the database)."""

from django.db import migrations, models

LEVEL_CHOICES = [('district', 'District level'), ('city', 'City level'), ('province', 'Provincial level'),
                 ('ministry', 'Ministry level')]


class Migration(migrations.Migration):

    dependencies = [
        ('reviews', '0003_extension_area'),
        ('calls', '0005_deadline_extension_from_reviews'),
    ]

    operations = [
        migrations.AlterField(
            model_name='deadlinereminder',
            name='level',
            field=models.CharField(choices=LEVEL_CHOICES, max_length=16, verbose_name='level'),
        ),
        migrations.AlterField(
            model_name='reviewstep',
            name='level',
            field=models.CharField(choices=LEVEL_CHOICES, max_length=16, verbose_name='level'),
        ),
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name='DeadlineExtension')],
            database_operations=[],
        ),
    ]
