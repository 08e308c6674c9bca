from django.db import migrations


def seed(apps, schema_editor):
    from safepassage.cases.seed import load

    load(apps)


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
