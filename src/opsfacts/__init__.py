"""opsfacts: country operations factsheets as typed, validated, checkable data."""

from typing import TYPE_CHECKING, Any

from ._version import __version__
from .codes import (
    BreakdownAxis,
    Cluster,
    DocumentKind,
    OfficeType,
    OperationScope,
    OrganisationType,
    PartnerRole,
    PlaceType,
    PopulationType,
    Qualifier,
    Residence,
    Scale,
    SectorCode,
    Setting,
    Sex,
    StaffCategory,
    TargetKind,
)
from .converter import converter
from .dates import PartialDate
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
from .migration import READ_VERSIONS, Migration, migrate
from .model import (
    FORMAT_VERSION,
    Acceptance,
    AgeCount,
    CategoryCount,
    Contact,
    Donor,
    Donors,
    Factsheet,
    Figure,
    Footnote,
    Funding,
    KeyFigure,
    Link,
    OfficeGroup,
    Operation,
    Organisation,
    OriginCount,
    Partner,
    PartnerCount,
    Partners,
    Percentage,
    Period,
    PopulationGroup,
    Populations,
    PopulationTotal,
    Presence,
    Quantity,
    Section,
    Sector,
    SectorActivities,
    SexCount,
    StaffGroup,
    StaffPart,
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
    "READ_VERSIONS",
    "Acceptance",
    "AgeCount",
    "BreakdownAxis",
    "CategoryCount",
    "CheckConfig",
    "Cluster",
    "Contact",
    "DocumentError",
    "DocumentKind",
    "Donor",
    "Donors",
    "Factsheet",
    "Figure",
    "Finding",
    "Footnote",
    "Funding",
    "InvalidDocument",
    "KeyFigure",
    "Link",
    "Migration",
    "OfficeGroup",
    "OfficeType",
    "Operation",
    "OperationScope",
    "OpsfactsError",
    "Organisation",
    "OrganisationType",
    "OriginCount",
    "ParseError",
    "PartialDate",
    "Partner",
    "PartnerCount",
    "PartnerRole",
    "Partners",
    "Percentage",
    "Period",
    "PlaceType",
    "PopulationGroup",
    "PopulationTotal",
    "PopulationType",
    "Populations",
    "Presence",
    "Problem",
    "Qualifier",
    "Quantity",
    "ReadError",
    "Residence",
    "Scale",
    "Section",
    "Sector",
    "SectorActivities",
    "SectorCode",
    "Setting",
    "Severity",
    "Sex",
    "SexCount",
    "StaffCategory",
    "StaffGroup",
    "StaffPart",
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
    "migrate",
    "to_dict",
]
