"""Incident records and the cross-check of a man's service against them."""

import datetime as dt
import io
import json
from importlib import resources

from safepassage.screening.engine.incidents import (
    ServicePeriod,
    cross_check,
    load_sample_incidents,
    parse_incidents_csv,
    parse_incidents_json,
    region_key,
)
from safepassage.screening.engine.model import ParseError

MARCH_2022 = (dt.date(2022, 3, 1), dt.date(2022, 3, 20))


def sample_bytes(name):
    return resources.files("safepassage.screening").joinpath("data", name).read_bytes()


def test_sample_is_labelled_as_a_sample_to_maintain():
    document = json.loads(sample_bytes("incidents_sample.json"))
    assert document["sample"] is True
    assert "maintain" in document["notice"]
    assert sample_bytes("incidents_sample.csv").startswith(b"# SAMPLE ONLY")


def test_every_sample_incident_cites_a_source_with_an_address():
    for incident in load_sample_incidents():
        assert incident.sources
        assert all(s.url.startswith("https://") for s in incident.sources)


def test_csv_and_json_samples_hold_the_same_incidents():
    records = list(parse_incidents_csv(io.BytesIO(sample_bytes("incidents_sample.csv"))))
    from_csv = [r for r in records if not isinstance(r, ParseError)]
    assert len(from_csv) == len(records)
    from_json = load_sample_incidents()
    assert [(i.id, i.start, i.end, i.units) for i in from_csv] == [
        (i.id, i.start, i.end, i.units) for i in from_json
    ]


def test_service_in_the_unit_by_number_overlaps_bucha():
    period = ServicePeriod(*MARCH_2022, unit_name="в/ч 51460")
    [overlap] = cross_check([period], load_sample_incidents())
    assert overlap.kind == "unit"
    assert overlap.matched_on == ("unit number 51460",)
    assert (overlap.start, overlap.end) == MARCH_2022
    assert overlap.to_json()["sources"]


def test_service_in_the_unit_by_russian_name_overlaps_bucha():
    period = ServicePeriod(*MARCH_2022, unit_name="234-й гвардейский десантно-штурмовой полк")
    [overlap] = cross_check([period], load_sample_incidents())
    assert overlap.incident.id.endswith("234dshp")
    assert overlap.matched_on == ("unit 234 regiment",)


def test_service_before_the_incident_does_not_overlap():
    period = ServicePeriod(dt.date(2021, 1, 1), dt.date(2022, 2, 26), unit_number=51460)
    assert cross_check([period], load_sample_incidents()) == []


def test_service_in_another_unit_elsewhere_does_not_overlap():
    period = ServicePeriod(*MARCH_2022, unit_number=12345, region="Belgorod oblast")
    assert cross_check([period], load_sample_incidents()) == []


def test_service_in_another_unit_in_the_same_region_is_flagged_as_region_only():
    period = ServicePeriod(*MARCH_2022, unit_number=12345, region="Київська область")
    overlaps = cross_check([period], load_sample_incidents())
    assert overlaps
    assert all(o.kind == "region" for o in overlaps)


def test_overlap_is_clipped_to_the_incident():
    period = ServicePeriod(dt.date(2022, 1, 1), dt.date(2022, 12, 31), unit_number=74268)
    [overlap] = cross_check([period], load_sample_incidents())
    assert overlap.start == dt.date(2022, 2, 27)
    assert overlap.end == dt.date(2022, 3, 31)


def test_region_spellings_agree():
    assert region_key("Kyiv oblast") == region_key("Kiev region") == region_key("Київська область")


def test_incident_without_source_or_with_reversed_dates_is_reported():
    document = {
        "incidents": [
            {"id": "a", "date_from": "2022-03-01", "date_to": "2022-03-05",
             "units": [{"number": 1}], "sources": []},
            {"id": "b", "date_from": "2022-03-05", "date_to": "2022-03-01",
             "units": [{"number": 1}], "sources": [{"title": "t"}]},
        ]
    }  # fmt: skip
    incidents, errors = parse_incidents_json(json.dumps(document).encode())
    assert incidents == []
    assert [e.line for e in errors] == [1, 2]


def test_broken_incident_csv_line_is_reported():
    text = b"id,title,region,settlement,date_from,date_to,unit_names,unit_numbers,sources\n"
    text += b"x,t,r,s,2022-03-01,not a date,Unit,1,src\n"
    [error] = parse_incidents_csv(io.BytesIO(text))
    assert isinstance(error, ParseError)
    assert error.line == 2


def test_incidents_of_the_wrong_shape_are_reported_by_position():
    good = {
        "id": "ok",
        "date_from": "2022-03-01",
        "units": [{"number": 1}],
        "sources": [{"title": "t"}],
    }
    document = [1, {**good, "place": "Bucha"}, {**good, "units": ["x"]}, good]
    incidents, errors = parse_incidents_json(json.dumps(document).encode())
    assert [e.line for e in errors] == [1, 2, 3]
    assert [i.id for i in incidents] == ["ok"]


def test_deeply_nested_incident_json_is_reported():
    incidents, errors = parse_incidents_json(b"[" * 100_000)
    assert incidents == []
    assert "nested too deeply" in errors[0].message


def test_an_incident_csv_field_longer_than_the_csv_limit_is_reported():
    text = b"id,title,region,settlement,date_from,date_to,unit_names,unit_numbers,sources\n"
    text += b'x,"' + b"t" * 200_000 + b'",r,s,2022-03-01,,Unit,1,src\n'
    [error] = parse_incidents_csv(io.BytesIO(text))
    assert isinstance(error, ParseError)
    assert error.line == 2
