from django.apps import AppConfig


class ElectionsConfig(AppConfig):
    name = "elections"
    verbose_name = "선거관리"

    def ready(self):
        from . import petitions

        petitions.register()  # Arts. 23②⑥, 61: residents' petitions the committee receives
        from . import contracts_events

        contracts_events.connect()  # Art. 61 by council resolution: the residents' vote
