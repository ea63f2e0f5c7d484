"""The repairs app's reads, one import for its own pages and API: the plan's
(repairs/plan/selectors.py and overview.py, below fees) and the fund's
(repairs/fund/selectors.py, above fees)."""

from .fund.selectors import (  # noqa: F401
    developer_statement,
)
from .plan.overview import (  # noqa: F401
    plan_overview,
    unit_reserve,
)
from .plan.selectors import (  # noqa: F401
    component_rows,
    current_revision,
    plan_for,
    previous_revision,
    review_due_on,
)
