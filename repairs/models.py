"""Long-term repair plan (장기수선계획) and repair reserve (장기수선충당금).

seed 004; Arts. 63④, 64①, 79, 80②, 83, 별표 9, 별지 6, 별지 12.

The app is cut along the law's own line (issue [2/9]): the plan (repairs/plan/models.py) sits
below fees — fees asks it for the monthly reserve per unit; the fund (repairs/fund/models.py)
sits above fees and reads bills and payments. Both are models of the `repairs` app; this module
registers them (Django imports `repairs.models`) and holds the background task's warning log.
"""

from django.db import models

from core.models import TenantModel

from .fund.models import (  # noqa: F401
    CREDIT_KINDS,
    AnnualStatus,
    DocumentKind,
    EntryKind,
    Procurement,
    ReserveEntry,
    UsagePlan,
    UsagePlanDocument,
    UsagePlanStatus,
)
from .plan.models import (  # noqa: F401
    Component,
    ComponentCategory,
    PlanReview,
    PlanRevision,
    RepairMethod,
    RepairPlan,
    RepairSettings,
    RepairSettingsChange,
    ReservePhase,
    RevisionKind,
)


class RepairWarning(TenantModel):
    """A warning sent by the background task, kept so it is sent once (idempotent)."""

    key = models.CharField(max_length=120)
    message = models.CharField(max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["complex", "key"], name="warning_unique")]
