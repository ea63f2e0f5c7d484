from django.apps import AppConfig


class FeesConfig(AppConfig):
    name = "fees"
    verbose_name = "관리비"
