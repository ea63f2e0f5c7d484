from django.apps import AppConfig


class CouncilConfig(AppConfig):
    name = "council"
    verbose_name = "입주자대표회의"
