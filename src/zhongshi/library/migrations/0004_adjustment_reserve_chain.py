"""The built-in ``miit-reserve`` call is decided by the province (seed 004 二（二）: 通过省级…遴选评估的中试平台
自动进入储备库): its chain loses the ministry level. A database made before keeps the four-level chain as
shipped then; this migration drops the last (ministry) step of that call's chain, but only when the chain
still ends at the ministry and no application of the call is at the ministry level (one that is would lose
its reviewer: the ministry decides those and the chain is left as it is; an administrator edits it later).
Reversing puts the ministry level back at the end. A new database gets the three-level chain from calls.yaml.
"""

from django.db import migrations

MINISTRY_STEP = {"level": "ministry", "deadline": None}


def drop_ministry_level(apps, schema_editor):
    Call = apps.get_model("calls", "Call")
    Application = apps.get_model("applications", "Application")
    call = Call.objects.filter(code="miit-reserve", builtin=True).first()
    if call is None or not call.chain or call.chain[-1].get("level") != "ministry":
        return
    if Application.objects.filter(call=call, status="submitted", current_level="ministry").exists():
        return
    call.chain = list(call.chain[:-1])
    call.save(update_fields=["chain"])


def restore_ministry_level(apps, schema_editor):
    Call = apps.get_model("calls", "Call")
    call = Call.objects.filter(code="miit-reserve", builtin=True).first()
    if call is None or not call.chain or call.chain[-1].get("level") == "ministry":
        return
    call.chain = [*call.chain, dict(MINISTRY_STEP)]
    call.save(update_fields=["chain"])


class Migration(migrations.Migration):
    dependencies = [
        ("library", "0003_adjustment"),
        ("calls", "0007_nomination_levels"),
        ("applications", "0007_covering_list_indexes"),
    ]

    operations = [migrations.RunPython(drop_ministry_level, restore_ministry_level)]
