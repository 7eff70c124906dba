"""Every public path of the site, in one place.

Paths are relative to the site root, directory style ("issues/x/"; "" is the
home page); files keep their name ("feeds/notices.xml"). Pages, templates,
feeds, calendars, search facets and open data all ask this module, so a path
changes here or nowhere: published addresses must never break.
"""

from __future__ import annotations

HOME = ""

# Listings and the site's own pages.
ISSUES = "issues/"
NOTICES = "notices/"
SOURCES = "sources/"
UNITS = "units/"
PETITIONS = "petitions/"
REGIONS = "regions/"
CALENDAR = "calendar/"
CONTACTS = "contacts/"
STATS = "stats/"
OPENDATA = "opendata/"
SEARCH = "search/"
STAFF_GUIDE = "staff/"  # hand-written (docs/staff/): named here for the search, which keeps it apart

# Feeds, calendars and open data files.
NOTICES_FEED = "feeds/notices.xml"
SITE_CALENDAR = "calendar.ics"
ISSUES_JSON = "data/issues.json"
PETITIONS_JSON = "data/petitions.json"
ISSUES_CSV = "data/issues.csv"
PETITIONS_CSV = "data/petitions.csv"
ISSUE_RECORD_SCHEMA = "schema/issue-record.schema.json"
PETITION_RECORD_SCHEMA = "schema/petition-record.schema.json"
ROBOTS = "robots.txt"
SITEMAP = "sitemap.xml"
# The constants the search scripts share with Python (search/contract.py), beside those scripts.
SEARCH_CONTRACT = "assets/search/contract.js"


def issue(issue_id: str) -> str:
    return f"{ISSUES}{issue_id}/"


def notice(issue_id: str) -> str:
    return f"{ISSUES}{issue_id}/notice/"


def issue_json(issue_id: str) -> str:
    """The JSON twin of an issue's page."""
    return f"{ISSUES}{issue_id}/index.json"


def issue_history(issue_id: str, commit: str) -> str:
    return f"{issue(issue_id)}#history-{commit}"


def source(source_id: str) -> str:
    return f"{SOURCES}{source_id}/"


def unit(unit_id: str) -> str:
    return f"{UNITS}{unit_id}/"


def petition(petition_id: str) -> str:
    return f"{PETITIONS}{petition_id}/"


def region(levels: tuple[str, ...] | list[str]) -> str:
    """A place's page, from its levels' names: regions/湖南省/益阳市/沅江市/. Stable because the path
    is the names themselves (as the data writes them, see model/regions.py): no number or order of
    places goes into it, so a place keeps its address whatever places are added or removed. The
    names are place names (rules/check.py keeps "/", "..", "#", "%" and the like out of them)."""
    return REGIONS + "".join(f"{name}/" for name in levels)


def region_petitions(levels: tuple[str, ...] | list[str]) -> str:
    """Every petition case of a place, when there are more than its page lists."""
    return f"{region(levels)}petitions/"


def petition_json(petition_id: str) -> str:
    """The JSON twin of a petition's page."""
    return f"{PETITIONS}{petition_id}/index.json"


def listing_page(base: str, number: int) -> str:
    """Page `number` (from 1) of a paginated listing at `base`."""
    return base if number == 1 else f"{base}page/{number}/"


def month(year: int, month_number: int) -> str:
    return f"{CALENDAR}{year:04d}-{month_number:02d}/"


def duty(duty_id: str) -> str:
    return f"{CALENDAR}#duty-{duty_id}"


def source_feed(source_id: str) -> str:
    return f"{source(source_id)}feed.xml"


def region_feed(region: str) -> str:
    """The feed of a level's name (湖南省, 益阳市): every record with a level of that name."""
    return f"feeds/regions/{region}.xml"


def unit_calendar(unit_id: str) -> str:
    return f"{unit(unit_id)}calendar.ics"


def source_calendar(source_id: str) -> str:
    return f"{source(source_id)}calendar.ics"


def attachment(kind: str, record_id: str, name: str) -> str:
    """An original document published beside its record's page (kind: issues or sources)."""
    return f"{kind}/{record_id}/files/{name}"


def data_file_schema(kind: str) -> str:
    """The JSON Schema of the data files of a kind (data/<kind>/*.yml)."""
    return f"schema/{kind}.schema.json"


def absolute(site_url: str | None, path: str) -> str:
    """The full address of a path; the path itself when no site address is set."""
    if not site_url:
        return path
    return site_url.rstrip("/") + "/" + path


def base_path(path: str) -> str:
    """The site's path on its host, as "/" or "/a/b/" (from "", "a/b", "/a/b/" ...)."""
    return "/" + path.strip("/") + "/" if path.strip("/") else "/"
