"""opsfacts: country operations factsheets as typed, validated, checkable data."""

# The public names are imported on first use (PEP 562), so that ``opsfacts --version``
# and commands that need little of the library start without loading all of it.

import importlib
from typing import TYPE_CHECKING, Any

from ._version import __version__

if TYPE_CHECKING:
    from .checks import CheckConfig, check
    from .diagnostics import Finding, Severity
    from .documents import (
        READ_VERSIONS,
        Migration,
        configure_converter,
        converter,
        dump,
        dumps,
        from_dict,
        load,
        loads,
        make_converter,
        migrate,
        to_dict,
    )
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
    from .model import (
        FORMAT_VERSION,
        Acceptance,
        AgeCount,
        BreakdownAxis,
        CategoryCount,
        Cluster,
        Contact,
        DocumentKind,
        Donor,
        Donors,
        Factsheet,
        Figure,
        Footnote,
        Funding,
        KeyFigure,
        Link,
        OfficeGroup,
        OfficeType,
        Operation,
        OperationScope,
        Organisation,
        OrganisationType,
        OriginCount,
        PartialDate,
        Partner,
        PartnerCount,
        PartnerRole,
        Partners,
        Percentage,
        Period,
        PlaceType,
        PopulationGroup,
        Populations,
        PopulationTotal,
        PopulationType,
        Presence,
        Qualifier,
        Quantity,
        Residence,
        Scale,
        Section,
        Sector,
        SectorActivities,
        SectorCode,
        Setting,
        Sex,
        SexCount,
        StaffCategory,
        StaffGroup,
        StaffPart,
        Statement,
        Target,
        TargetKind,
    )


# Where the public names come from, cheapest first: a name is taken from the first whose
# ``__all__`` lists it (the imports above, for type checkers and readers, say the same).
_SOURCES = (".errors", ".diagnostics", ".model", ".documents", ".checks")
_SUBPACKAGES = frozenset(
    "checks cli diagnostics documents errors model render schema strategies tables validation".split()  # noqa: SIM905
)


def __getattr__(name: str) -> Any:
    if name in __all__:
        for source in _SOURCES:
            module = importlib.import_module(source, __name__)
            if name in module.__all__:
                value = getattr(module, name)
                globals()[name] = value  # looked up once
                return value
    if name in _SUBPACKAGES:
        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module 'opsfacts' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


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
    "configure_converter",
    "converter",
    "dump",
    "dumps",
    "from_dict",
    "load",
    "loads",
    "make_converter",
    "migrate",
    "to_dict",
]
