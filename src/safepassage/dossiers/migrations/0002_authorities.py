from django.db import migrations


def load(apps, schema_editor):
    from safepassage.dossiers import seed

    seed.load(apps)


class Migration(migrations.Migration):
    dependencies = [("dossiers", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
