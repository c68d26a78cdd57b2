"""Parsing and validation of ESCO CSV and Open Badges 3.0 input. Nothing here touches the
database: each parser returns a frozen bundle of rows, or raises with every problem found."""

from skillgraph.importers.achievement import achievement_document
from skillgraph.importers.badgebundle import (
    BadgeAward,
    BadgeCredential,
    BadgeProvider,
    BadgeTable,
    BadgeTeaching,
    OpenBadgesBundle,
)
from skillgraph.importers.bundled import bundled_esco_ict_path
from skillgraph.importers.esco import parse_esco
from skillgraph.importers.escobundle import (
    EscoBroader,
    EscoBundle,
    EscoRelated,
    EscoRequirement,
    EscoRole,
    EscoSkill,
    EscoTable,
    FileSummary,
)
from skillgraph.importers.openbadges import parse_openbadges, parse_openbadges_json
from skillgraph.importers.problems import (
    DocumentProblem,
    ImportValidationError,
    OpenBadgesError,
    Problem,
)

__all__ = [
    "BadgeAward",
    "BadgeCredential",
    "BadgeProvider",
    "BadgeTable",
    "BadgeTeaching",
    "DocumentProblem",
    "EscoBroader",
    "EscoBundle",
    "EscoRelated",
    "EscoRequirement",
    "EscoRole",
    "EscoSkill",
    "EscoTable",
    "FileSummary",
    "ImportValidationError",
    "OpenBadgesBundle",
    "OpenBadgesError",
    "Problem",
    "achievement_document",
    "bundled_esco_ict_path",
    "parse_esco",
    "parse_openbadges",
    "parse_openbadges_json",
]
