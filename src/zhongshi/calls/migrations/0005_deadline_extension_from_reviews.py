"""The DeadlineExtension model moves from the reviews app into calls (the review chain's one home). Its table,
reviews_deadlineextension, and every row in it stay as they are: only Django's model state moves (the reviews
app's 0004 removes it from reviews' state), and the content type is renamed so that its permissions follow."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def rename_content_type(apps, schema_editor):
    content_type = apps.get_model("contenttypes", "ContentType")
    if not content_type.objects.filter(app_label="calls", model="deadlineextension").exists():
        content_type.objects.filter(app_label="reviews", model="deadlineextension").update(app_label="calls")


def restore_content_type(apps, schema_editor):
    content_type = apps.get_model("contenttypes", "ContentType")
    if not content_type.objects.filter(app_label="reviews", model="deadlineextension").exists():
        content_type.objects.filter(app_label="calls", model="deadlineextension").update(app_label="reviews")


class Migration(migrations.Migration):

    dependencies = [
        ('calls', '0004_call_rounds'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('organisations', '0001_initial'),
        ('reviews', '0003_extension_area'),  # the table exists, with its area_path column
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='DeadlineExtension',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('level', models.CharField(choices=[('district', 'District level'), ('city', 'City level'), ('province', 'Provincial level'), ('ministry', 'Ministry level')], max_length=16, verbose_name='level')),
                        ('deadline', models.DateTimeField(verbose_name='new deadline')),
                        ('area_path', models.CharField(blank=True, db_index=True, max_length=120, verbose_name='area')),
                        ('reason', models.TextField(verbose_name='reason')),
                        ('granted_at', models.DateTimeField(auto_now_add=True, verbose_name='granted at')),
                        ('authority', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='extensions', to='organisations.authority')),
                        ('call', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='extensions', to='calls.call')),
                        ('granted_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'deadline extension',
                        'verbose_name_plural': 'deadline extensions',
                        'db_table': 'reviews_deadlineextension',
                        'ordering': ['call', 'level', '-granted_at', 'pk'],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(rename_content_type, restore_content_type),
    ]
