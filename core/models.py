from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.utils import timezone


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create(self, email, password, **extra):
        if not email:
            raise ValueError("이메일은 필수입니다.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self._create(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person. Logs in by email; roles live per complex in complexes.Membership.
    `is_superuser` marks the platform admin."""

    email = models.EmailField("이메일", unique=True)
    name = models.CharField("이름", max_length=100, blank=True)
    is_active = models.BooleanField("활성", default=True)
    is_staff = models.BooleanField("관리 사이트 접근", default=False)
    date_joined = models.DateTimeField("가입일", default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    class Meta:
        verbose_name = "사용자"
        verbose_name_plural = "사용자"

    def __str__(self):
        return self.name or self.email

    def save(self, *args, **kwargs):
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)


class TenantModel(models.Model):
    """Every tenant-owned row carries its complex directly, even when derivable, so scoping is
    one filter everywhere (see core.tenancy)."""

    complex = models.ForeignKey("complexes.Complex", on_delete=models.CASCADE, related_name="+")

    class Meta:
        abstract = True
