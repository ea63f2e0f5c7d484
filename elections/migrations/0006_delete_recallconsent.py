from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("elections", "0005_recall_consents_to_petitions")]

    operations = [migrations.DeleteModel(name="RecallConsent")]
