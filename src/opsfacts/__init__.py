"""opsfacts: country operations factsheets as typed, validated, checkable data."""

from typing import TYPE_CHECKING, Any

from ._version import __version__
from .codes import (
    Cluster,
    OfficeType,
    OperationScope,
    OrganisationType,
    PartnerRole,
    PopulationType,
    Qualifier,
    Residence,
    Scale,
    SectorCode,
    Sex,
    StaffCategory,
    TargetKind,
)
from .converter import converter
from .errors import (
    ABSENT,
    DocumentError,
    InvalidDocument,
    OpsfactsError,
    ParseError,
    Problem,
    ReadError,
    WriteError,
)
from .loading import dump, dumps, from_dict, load, loads, to_dict
from .model import (
    FORMAT_VERSION,
    Acceptance,
    AgeCount,
    Contact,
    Donor,
    Donors,
    Factsheet,
    Figure,
    Footnote,
    Funding,
    Link,
    OfficeGroup,
    Operation,
    Organisation,
    OriginCount,
    Partner,
    PartnerCount,
    Partners,
    Period,
    PopulationGroup,
    Populations,
    Presence,
    Section,
    Sector,
    SectorActivities,
    SexCount,
    StaffGroup,
    Statement,
    Target,
)

if TYPE_CHECKING:
    from .checks import CheckConfig, Finding, Severity, check

# The consistency checks compile their rules on import; they load on first use.
_LAZY = {"CheckConfig", "Finding", "Severity", "check"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from . import checks  # noqa: PLC0415

        return getattr(checks, name)
    raise AttributeError(f"module 'opsfacts' has no attribute {name!r}")


__all__ = [
    "ABSENT",
    "FORMAT_VERSION",
    "Acceptance",
    "AgeCount",
    "CheckConfig",
    "Cluster",
    "Contact",
    "DocumentError",
    "Donor",
    "Donors",
    "Factsheet",
    "Figure",
    "Finding",
    "Footnote",
    "Funding",
    "InvalidDocument",
    "Link",
    "OfficeGroup",
    "OfficeType",
    "Operation",
    "OperationScope",
    "OpsfactsError",
    "Organisation",
    "OrganisationType",
    "OriginCount",
    "ParseError",
    "Partner",
    "PartnerCount",
    "PartnerRole",
    "Partners",
    "Period",
    "PopulationGroup",
    "PopulationType",
    "Populations",
    "Presence",
    "Problem",
    "Qualifier",
    "ReadError",
    "Residence",
    "Scale",
    "Section",
    "Sector",
    "SectorActivities",
    "SectorCode",
    "Severity",
    "Sex",
    "SexCount",
    "StaffCategory",
    "StaffGroup",
    "Statement",
    "Target",
    "TargetKind",
    "WriteError",
    "__version__",
    "check",
    "converter",
    "dump",
    "dumps",
    "from_dict",
    "load",
    "loads",
    "to_dict",
]
