"""The repairs app's writes, one import for its own pages, API, commands and demo: the plan's
(repairs/plan/services.py, below fees) and the fund's (repairs/fund/services.py, above fees).
Other apps import the part they mean — fees only `repairs.plan.reserve`."""

from .fund.services import (  # noqa: F401
    annual_status_prepare,
    annual_status_publish,
    document_add,
    entry_record,
    spending_record,
    usage_plan_approve,
    usage_plan_contract,
    usage_plan_create,
)
from .plan.selectors import (  # noqa: F401
    review_due_on,
)
from .plan.services import (  # noqa: F401
    COMPONENT_FIELDS,
    PLAN_COLUMNS,
    PlanImportResult,
    check_resolution,
    parse_month,
    parse_phase_specs,
    phases_set,
    plan_adjust,
    plan_create,
    plan_import,
    review_link_resolution,
    review_record,
    revision_link_resolution,
    settings_for,
    settings_update,
    validate_phases,
)
