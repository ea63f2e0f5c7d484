from django.apps import AppConfig


class ComplexesConfig(AppConfig):
    name = "complexes"
    verbose_name = "단지"
