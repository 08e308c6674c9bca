"""The screening engine: romanisation-aware name matching, list parsing and incident checks.

Plain Python and numpy, no Django: the screening app calls it, and so can a script.
"""

from .builder import IndexBuilder, build_index
from .csvlist import parse_csv_list
from .dates import DateError, PartialDate, parse_date
from .ftm import parse_ftm
from .index import Index, IndexFormatError
from .model import Entity, Link, ParseError, Query, Result, Sanction, StructuredName
from .names import NamePart, ParsedName, Role, parse_name
from .scorer import ALERT_THRESHOLD, compare_parts, score_names
from .translit import SYSTEMS, render, renderings

__all__ = [
    "ALERT_THRESHOLD",
    "SYSTEMS",
    "DateError",
    "Entity",
    "Index",
    "IndexBuilder",
    "IndexFormatError",
    "Link",
    "NamePart",
    "ParseError",
    "ParsedName",
    "PartialDate",
    "Query",
    "Result",
    "Role",
    "Sanction",
    "StructuredName",
    "build_index",
    "compare_parts",
    "parse_csv_list",
    "parse_date",
    "parse_ftm",
    "parse_name",
    "render",
    "renderings",
    "score_names",
]
