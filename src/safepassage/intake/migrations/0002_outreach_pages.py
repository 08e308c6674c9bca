from django.db import migrations


def seed(apps, schema_editor):
    """Store the shipped outreach texts, so coordinators edit them from the start."""
    from safepassage.intake.outreach import LANGUAGES, SLUGS, default

    page = apps.get_model("intake", "OutreachPage")
    for slug in SLUGS:
        for language in LANGUAGES:
            text = default(slug, language)
            page.objects.get_or_create(
                slug=slug, language=language, defaults={"title": text.title, "body": text.body}
            )


class Migration(migrations.Migration):
    dependencies = [("intake", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
