from django.apps import AppConfig


class DisclosureConfig(AppConfig):
    name = "disclosure"
    verbose_name = "정보공개"

    def ready(self):
        from . import contracts

        contracts.connect()  # procurement and contracts publish through their events
