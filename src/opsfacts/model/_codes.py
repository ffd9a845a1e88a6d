"""Code lists: every closed vocabulary a factsheet uses.

Each member carries the meaning of its code in ``description``; the JSON
Schema and the docs read it from there. Where a published list exists (UNHCR
population types, IATI organisation types and roles, IASC global clusters),
the codes are that list's codes.
"""

from __future__ import annotations

import enum

__all__ = [
    "BreakdownAxis",
    "Cluster",
    "Code",
    "DocumentKind",
    "OfficeType",
    "OperationScope",
    "OrganisationType",
    "PartnerRole",
    "PlaceType",
    "PopulationType",
    "Qualifier",
    "Residence",
    "Scale",
    "SectorCode",
    "Setting",
    "Sex",
    "StaffCategory",
    "TargetKind",
]


class Code(enum.StrEnum):
    """Base of every code list: a string value plus the meaning of the code."""

    description: str

    def __new__(cls, value: str, description: str) -> Code:
        member = str.__new__(cls, value)
        member._value_ = value
        member.description = description
        return member


class PopulationType(Code):
    """UNHCR population type, as in UNHCR's population statistics."""

    REF = "REF", "Refugees (includes people in refugee-like situations)."
    ROC = "ROC", "People in refugee-like situations."
    ASY = "ASY", "Asylum-seekers: claim for international protection not yet determined."
    OIP = "OIP", "Other people in need of international protection."
    IDP = "IDP", "Internally displaced persons protected or assisted by UNHCR."
    IOC = "IOC", "People in IDP-like situations."
    STA = "STA", "Stateless people."
    OOC = "OOC", "Others of concern to UNHCR."
    HST = "HST", "Host community."
    RET = "RET", "Returned refugees."
    RDP = "RDP", "Returned internally displaced persons (IDP returnees)."
    RST = "RST", "Resettled refugees."
    NAT = "NAT", "Naturalised refugees."


class Residence(Code):
    """Where the people of a population group live, seen from the operation."""

    HOSTED = "hosted", "Living in the operation's area (counted in its totals)."
    ABROAD = (
        "abroad",
        (
            "Nationals of the operation's country living abroad, such as refugees from the "
            "country counted in neighbouring countries; never added to the operation's totals."
        ),
    )


class PlaceType(Code):
    """What kind of place a population group is counted in."""

    COUNTRY = "country", "A country."
    REGION = "region", "A region, province or state (first administrative level)."
    DISTRICT = "district", "A district, department or county (second administrative level or below)."
    CITY = "city", "A city or town."
    CAMP = "camp", "A camp."
    SETTLEMENT = "settlement", "A settlement or village hosting displaced people."
    TRANSIT_CENTRE = "transit-centre", "A transit or reception centre."
    OTHER = "other", "Any other kind of place; the name says which."


class Setting(Code):
    """Where a population group lives, by kind of settlement (UNHCR accommodation types)."""

    CAMP = "camp", "In camps or planned settlements."
    OUT_OF_CAMP = "out-of-camp", "Outside camps (self-settled, with host families, rented housing)."
    URBAN = "urban", "In towns and cities."
    RURAL = "rural", "In rural areas."


class BreakdownAxis(Code):
    """A way a population group is broken down."""

    ORIGIN = "origin", "By country of origin (``by_origin``)."
    SEX = "sex", "By sex (``by_sex``)."
    AGE = "age", "By age band (``by_age``)."


class DocumentKind(Code):
    """What kind of document the factsheet is, as its title or header says."""

    FACTSHEET = "factsheet", "A country or area factsheet."
    OPERATIONAL_UPDATE = "operational-update", "An operational update."
    FLASH_UPDATE = "flash-update", "A flash update on an emergency."
    SNAPSHOT = "snapshot", "A one-page snapshot or dashboard."
    OTHER = "other", "Any other kind of document."


class Sex(Code):
    """Sex of a population breakdown, as in HDX HAPI."""

    F = "f", "Female."
    M = "m", "Male."
    X = "x", "Non-binary or other."
    U = "u", "Unknown."


class Scale(Code):
    """The multiplier a figure was printed with ("USD 48.3 M" is 48.3 at million)."""

    ONE = "one", "Printed in full (no multiplier)."
    THOUSAND = "thousand", "Printed in thousands (K)."
    MILLION = "million", "Printed in millions (M)."
    BILLION = "billion", "Printed in billions (B)."

    @property
    def exponent(self) -> int:
        """The power of ten this scale multiplies by."""
        return _EXPONENTS[self.value]

    @property
    def suffix(self) -> str:
        """The suffix printed after a figure at this scale."""
        return _SUFFIXES[self.value]


_EXPONENTS = {"one": 0, "thousand": 3, "million": 6, "billion": 9}
_SUFFIXES = {"one": "", "thousand": "K", "million": "M", "billion": "B"}


class OperationScope(Code):
    """What a factsheet covers."""

    COUNTRY = "country", "One country."
    SUBNATIONAL = "subnational", "A region or area inside one country."
    MULTI_COUNTRY = "multi-country", "A situation spanning several countries."


class StaffCategory(Code):
    """Staff categories; ``other`` with the published label for anything else."""

    NATIONAL = "national", "National staff."
    INTERNATIONAL = "international", "International staff."
    AFFILIATE = "affiliate", "Affiliate workforce."
    UNV_NATIONAL = "unv-national", "National UN Volunteers."
    UNV_INTERNATIONAL = "unv-international", "International UN Volunteers."
    UNV = "unv", "UN Volunteers, national and international together (printed without a split)."
    CONSULTANT = "consultant", "Consultants."
    DEPLOYEE = "deployee", "Deployees from standby partners."
    OTHER = "other", "Any other category; the label says which."


class OfficeType(Code):
    """Office types; ``other`` with the published label for anything else."""

    COUNTRY_OFFICE = "country-office", "Representation or country office."
    SUB_OFFICE = "sub-office", "Sub office."
    FIELD_OFFICE = "field-office", "Field office."
    FIELD_UNIT = "field-unit", "Field unit."
    HUB = "hub", "Hub."
    OTHER = "other", "Any other kind of office; the label says which."


class OrganisationType(Code):
    """Kinds of organisation, aligned with the IATI OrganisationType code list."""

    GOVERNMENT = "government", "Government (IATI 10)."
    LOCAL_GOVERNMENT = "local-government", "Local or sub-national government (IATI 11)."
    OTHER_PUBLIC_SECTOR = "other-public-sector", "Other public sector (IATI 15)."
    INTERNATIONAL_NGO = "international-ngo", "International NGO (IATI 21)."
    NATIONAL_NGO = "national-ngo", "National NGO (IATI 22)."
    REGIONAL_NGO = "regional-ngo", "Regional NGO (IATI 23)."
    PARTNER_COUNTRY_NGO = "partner-country-ngo", "NGO based in the partner country (IATI 24)."
    PUBLIC_PRIVATE_PARTNERSHIP = "public-private-partnership", "Public private partnership (IATI 30)."
    UN_AGENCY = "un-agency", "United Nations agency, fund or programme (IATI 40, multilateral)."
    MULTILATERAL = "multilateral", "Other multilateral organisation (IATI 40)."
    RED_CROSS = "red-cross-red-crescent", "Red Cross or Red Crescent society (IATI 90)."
    FOUNDATION = "foundation", "Foundation (IATI 60)."
    PRIVATE_SECTOR = "private-sector", "Private sector (IATI 70)."
    ACADEMIC = "academic", "Academic, training and research (IATI 80)."
    OTHER = "other", "Any other kind of organisation (IATI 90)."

    @property
    def iati_code(self) -> str:
        """The IATI OrganisationType code."""
        return _IATI_ORGANISATION_TYPE[self.value]

    @property
    def is_governmental(self) -> bool:
        """Whether the organisation is part of a government."""
        return self in _GOVERNMENTAL

    @property
    def is_ngo(self) -> bool:
        """Whether the organisation is a non-governmental organisation."""
        return self in _NGOS


_IATI_ORGANISATION_TYPE = {
    "government": "10",
    "local-government": "11",
    "other-public-sector": "15",
    "international-ngo": "21",
    "national-ngo": "22",
    "regional-ngo": "23",
    "partner-country-ngo": "24",
    "public-private-partnership": "30",
    "un-agency": "40",
    "multilateral": "40",
    "red-cross-red-crescent": "90",
    "foundation": "60",
    "private-sector": "70",
    "academic": "80",
    "other": "90",
}
_GOVERNMENTAL = frozenset(
    {
        OrganisationType.GOVERNMENT,
        OrganisationType.LOCAL_GOVERNMENT,
        OrganisationType.OTHER_PUBLIC_SECTOR,
    }
)
_NGOS = frozenset(
    {
        OrganisationType.INTERNATIONAL_NGO,
        OrganisationType.NATIONAL_NGO,
        OrganisationType.REGIONAL_NGO,
        OrganisationType.PARTNER_COUNTRY_NGO,
        OrganisationType.RED_CROSS,
    }
)


class PartnerRole(Code):
    """A partner's role, aligned with the IATI OrganisationRole code list."""

    IMPLEMENTING = "implementing", "Implementing partner: carries out activities (IATI role 4)."
    OPERATIONAL = "operational", "Operational partner: works alongside without a funding link."
    FUNDING = "funding", "Provides funds (IATI role 1)."
    ACCOUNTABLE = "accountable", "Oversees the activity and its outcomes (IATI role 2)."
    EXTENDING = "extending", "Manages funds on behalf of a funder (IATI role 3)."
    COORDINATION = "coordination", "Coordination partner (cluster, working group, country team)."


class Cluster(Code):
    """Humanitarian global clusters and areas of responsibility (OCHA HPC/FTS codes)."""

    CCM = "CCM", "Camp Coordination and Camp Management."
    EDU = "EDU", "Education."
    SHL = "SHL", "Emergency Shelter and NFI."
    FSC = "FSC", "Food Security."
    HEA = "HEA", "Health."
    LOG = "LOG", "Logistics."
    NUT = "NUT", "Nutrition."
    PRO = "PRO", "Protection."
    WSH = "WSH", "Water, Sanitation and Hygiene."
    PRO_CPN = "PRO-CPN", "Child Protection (area of responsibility)."
    PRO_GBV = "PRO-GBV", "Gender-Based Violence (area of responsibility)."
    PRO_HLP = "PRO-HLP", "Housing, Land and Property (area of responsibility)."
    PRO_MIN = "PRO-MIN", "Mine Action (area of responsibility)."
    ERY = "ERY", "Early Recovery."
    CSS = "CSS", "Coordination and Support Services."
    MS = "MS", "Multi-sector."
    AGR = "AGR", "Agriculture."


class SectorCode(Code):
    """Sectors of activity; ``cluster`` maps each to its global cluster where one matches."""

    PROTECTION = "protection", "Protection."
    EDUCATION = "education", "Education."
    HEALTH = "health", "Health."
    WASH = "wash", "Water, sanitation and hygiene."
    SHELTER_NFI = "shelter-nfi", "Shelter and non-food items."
    FOOD_SECURITY = "food-security", "Food security."
    NUTRITION = "nutrition", "Nutrition."
    CCCM = "cccm", "Camp coordination and camp management."
    LOGISTICS = "logistics", "Logistics."
    EARLY_RECOVERY = "early-recovery", "Early recovery."
    COMMUNITY_EMPOWERMENT = "community-empowerment", "Community empowerment and self-reliance."
    LIVELIHOODS = "livelihoods", "Livelihoods and economic inclusion."
    DURABLE_SOLUTIONS = "durable-solutions", "Durable solutions."
    CASH = "cash", "Cash-based interventions."
    REGISTRATION = "registration", "Registration and documentation."
    OTHER = "other", "Any other sector; the name says which."

    @property
    def cluster(self) -> Cluster | None:
        """The global cluster this sector corresponds to, if any."""
        return _SECTOR_CLUSTER.get(self)


_SECTOR_CLUSTER = {
    SectorCode.PROTECTION: Cluster.PRO,
    SectorCode.EDUCATION: Cluster.EDU,
    SectorCode.HEALTH: Cluster.HEA,
    SectorCode.WASH: Cluster.WSH,
    SectorCode.SHELTER_NFI: Cluster.SHL,
    SectorCode.FOOD_SECURITY: Cluster.FSC,
    SectorCode.NUTRITION: Cluster.NUT,
    SectorCode.CCCM: Cluster.CCM,
    SectorCode.LOGISTICS: Cluster.LOG,
    SectorCode.EARLY_RECOVERY: Cluster.ERY,
}


class TargetKind(Code):
    """What a number in an activity statement is."""

    TARGET = "target", "A number the operation aims for (HXL #targeted)."
    ACHIEVED = "achieved", "A number already reached (HXL #reached)."
    CONTEXT = "context", 'A number that sets the scene, not a result ("in the 20 priority communes").'


class Qualifier(Code):
    """How a printed quantity relates to the true one ("over 700")."""

    EXACT = "exact", "The quantity is exact."
    AT_LEAST = "at-least", 'At least this many ("over", "more than").'
    AT_MOST = "at-most", 'At most this many ("up to").'
    ABOUT = "about", "Approximately this many."
