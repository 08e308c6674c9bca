"""The screening engine: romanisation-aware name matching, list parsing and incident checks.

Plain Python and numpy, no Django: the screening app calls it, and so can a script.
"""

from .builder import IndexBuilder, build_index
from .csvlist import parse_csv_list
from .dates import DateError, PartialDate, parse_date
from .ftm import parse_ftm
from .incidents import (
    Incident,
    Overlap,
    ServicePeriod,
    cross_check,
    load_sample_incidents,
    parse_incidents_csv,
    parse_incidents_json,
)
from .index import Index, IndexFormatError
from .memory import forget, forgetting
from .model import Entity, Link, ParseError, Query, Result, Sanction, StructuredName
from .names import NamePart, ParsedName, Role, parse_name
from .scorer import ALERT_THRESHOLD, compare_parts, score_names
from .translit import SYSTEMS, render, renderings

__all__ = [
    "ALERT_THRESHOLD",
    "SYSTEMS",
    "DateError",
    "Entity",
    "Incident",
    "Index",
    "IndexBuilder",
    "IndexFormatError",
    "Link",
    "NamePart",
    "Overlap",
    "ParseError",
    "ParsedName",
    "PartialDate",
    "Query",
    "Result",
    "Role",
    "Sanction",
    "ServicePeriod",
    "StructuredName",
    "build_index",
    "compare_parts",
    "cross_check",
    "forget",
    "forgetting",
    "load_sample_incidents",
    "parse_csv_list",
    "parse_date",
    "parse_ftm",
    "parse_incidents_csv",
    "parse_incidents_json",
    "parse_name",
    "render",
    "renderings",
    "score_names",
]
