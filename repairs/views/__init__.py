"""The repairs pages, by the law's line: the plan (plan.py), the fund (fund.py), settings
(settings.py); who sees what (access.py)."""

from .access import (  # noqa: F401
    can_see_plan,
    is_owner,
    lessee_units,
    require_plan,
)
from .fund import (  # noqa: F401
    certificate,
    certificate_tenancy,
    certificate_units,
    developer_statement,
    developer_statement_pdf,
    ledger,
    projection,
    status,
    status_latest,
    status_pdf,
    status_publish,
    usage_plan_approve,
    usage_plan_contract,
    usage_plan_create,
    usage_plan_detail,
    usage_plan_document,
    usage_plan_document_download,
    usage_plan_list,
    usage_plan_pdf,
    usage_plan_spend,
)
from .plan import (  # noqa: F401
    component_edit,
    component_remove,
    components,
    overview,
    phases_edit,
    plan_create,
    plan_import,
    review_resolution,
    reviews,
    revision_detail,
    revision_list,
    revision_resolution,
)
from .settings import (  # noqa: F401
    settings_edit,
)
