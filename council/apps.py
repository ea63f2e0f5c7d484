from django.apps import AppConfig


class CouncilConfig(AppConfig):
    name = "council"
    verbose_name = "입주자대표회의"

    def ready(self):
        from . import petitions

        petitions.register()  # Arts. 26③4, 34①: residents' petitions the council receives
