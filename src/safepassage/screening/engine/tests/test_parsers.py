"""List parsers: FollowTheMoney JSON lines and CSV lists; bad lines reported with their number."""

import io
import json

from safepassage.screening.engine import (
    Entity,
    IndexBuilder,
    Link,
    ParseError,
    PartialDate,
    Sanction,
    parse_csv_list,
    parse_ftm,
)


def ftm_lines(*records):
    return io.BytesIO(
        b"".join(
            (r if isinstance(r, bytes) else json.dumps(r, ensure_ascii=False).encode()) + b"\n"
            for r in records
        )
    )


def ftm_person(entity_id, **properties):
    return {
        "id": entity_id,
        "schema": "Person",
        "caption": entity_id,
        "datasets": ["ru_test"],
        "first_seen": "2023-01-01T00:00:00",
        "last_seen": "2024-01-01T00:00:00",
        "last_change": "2023-06-01T00:00:00",
        "properties": {k: v if isinstance(v, list) else [v] for k, v in properties.items()},
    }


def test_person_keeps_names_dates_and_provenance():
    [entity] = parse_ftm(
        ftm_lines(
            ftm_person(
                "p1",
                name="Ivan Petrovich Sidorov",
                alias="Иван Сидоров",
                birthDate=["1975-03-14", "1975"],
            )
        ),
        source="opensanctions",
    )
    assert isinstance(entity, Entity)
    assert entity.names == ["Ivan Petrovich Sidorov", "Иван Сидоров"]
    assert entity.birth_dates == [PartialDate(1975, 3, 14), PartialDate(1975)]
    assert entity.datasets == ["ru_test"]
    assert entity.source == "opensanctions"
    assert entity.first_seen
    assert entity.last_seen
    assert entity.last_change


def test_patronymic_is_taken_from_father_name_or_middle_name():
    father, middle = parse_ftm(
        ftm_lines(
            ftm_person("p1", firstName="Ivan", fatherName="Petrovich", lastName="Sidorov"),
            ftm_person("p2", firstName="Ivan", middleName="Petrovich", lastName="Sidorov"),
        )
    )
    assert isinstance(father, Entity)
    assert isinstance(middle, Entity)
    assert father.structured[0].patronymic == "Petrovich"
    assert middle.structured[0].patronymic == "Petrovich"


def test_organisation_sanction_and_membership_are_read():
    records = list(
        parse_ftm(
            ftm_lines(
                {"id": "o1", "schema": "Organization", "properties": {"name": ["в/ч 51460"]}},
                {
                    "id": "s1",
                    "schema": "Sanction",
                    "properties": {"entity": ["p1"], "authority": ["EU"], "program": ["RUS"]},
                },
                {
                    "id": "m1",
                    "schema": "Membership",
                    "properties": {"member": ["p1"], "organization": ["o1"]},
                },
                {"id": "a1", "schema": "Address", "properties": {"full": ["Moscow"]}},
            )
        )
    )
    kinds = [type(r) for r in records]
    assert kinds == [Entity, Sanction, Link]


def test_broken_json_line_is_reported_with_its_number():
    records = list(parse_ftm(ftm_lines(ftm_person("p1", name="Ivan Ivanov"), b"{broken")))
    errors = [r for r in records if isinstance(r, ParseError)]
    assert len(errors) == 1
    assert errors[0].line == 2
    assert "JSON" in errors[0].message


def test_unknown_schema_is_reported():
    [error] = parse_ftm(ftm_lines({"id": "x", "schema": "Spaceship", "properties": {}}))
    assert isinstance(error, ParseError)
    assert error.line == 1
    assert "Spaceship" in error.message


def test_person_without_a_name_is_reported():
    [error] = parse_ftm(ftm_lines(ftm_person("p1", birthDate="1975")))
    assert isinstance(error, ParseError)
    assert "no name" in error.message


def test_absurd_birth_date_is_reported_and_the_person_kept():
    lines = ftm_lines(
        ftm_person("p1", name="Ivan Ivanov", birthDate="1799"),
        ftm_person("p2", name="Ivan Ivanov", birthDate="1975-13-01"),
    )
    records = list(parse_ftm(lines))
    errors = [r for r in records if isinstance(r, ParseError)]
    people = [r for r in records if isinstance(r, Entity)]
    assert [e.line for e in errors] == [1, 2]
    assert [p.birth_dates for p in people] == [[], []]


def test_wrong_encoding_is_reported_with_its_line():
    line = json.dumps(ftm_person("p1", name="Иван Иванов"), ensure_ascii=False)
    records = list(parse_ftm(io.BytesIO(line.encode("cp1251") + b"\n")))
    assert isinstance(records[0], ParseError)
    assert "UTF-8" in records[0].message


def test_progress_is_reported():
    seen = []
    stream = ftm_lines(*[ftm_person(f"p{i}", name="Ivan Ivanov") for i in range(3)])
    list(parse_ftm(stream, lambda lines, done: seen.append((lines, done))))
    assert seen
    assert seen[-1][0] == 3
    assert seen[-1][1] > 0


def test_ftm_stream_builds_an_index_that_finds_the_person():
    builder = IndexBuilder("test")
    builder.add_all(parse_ftm(ftm_lines(ftm_person("p1", name="Nikita Sergeyevich Khrushchev"))))
    assert builder.build().search("Chruschtschow Nikita")[0].entity_id == "p1"


def csv_lines(text, encoding="utf-8"):
    return io.BytesIO(text.encode(encoding))


def test_csv_list_rows_become_people():
    text = "name,birth_date,unit,source\nИван Петрович Сидоров,14.03.1975,в/ч 51460,wanted list\n"
    [entity] = parse_csv_list(csv_lines(text), source="partner")
    assert isinstance(entity, Entity)
    assert entity.birth_dates == [PartialDate(1975, 3, 14)]
    assert entity.units == ["в/ч 51460"]
    assert entity.source == "wanted list"


def test_csv_semicolon_separated_is_read():
    [entity] = parse_csv_list(csv_lines("name;born\nIvan Ivanov;1980\n"))
    assert isinstance(entity, Entity)
    assert entity.birth_dates == [PartialDate(1980)]


def test_csv_bad_rows_are_reported_with_their_line():
    text = "name,birth_date\nIvan Ivanov,1975\n,1980\nPetr Petrov,2999\nSergei Sergeev\n"
    records = list(parse_csv_list(csv_lines(text)))
    errors = {r.line: r.message for r in records if isinstance(r, ParseError)}
    assert set(errors) == {3, 4, 5}
    assert "empty name" in errors[3]
    assert "year" in errors[4]
    assert "columns" in errors[5]


def test_csv_in_the_wrong_encoding_is_reported():
    records = list(parse_csv_list(io.BytesIO(b"name\n" + "Иван Иванов\n".encode("cp1251"))))
    assert isinstance(records[0], ParseError)
    assert records[0].line == 2


def test_csv_without_a_name_column_stops_at_the_header():
    records = list(parse_csv_list(csv_lines("surname,born\nIvanov,1975\n")))
    assert len(records) == 1
    assert isinstance(records[0], ParseError)
    assert records[0].line == 1


def test_lines_of_the_wrong_shape_are_reported_not_raised():
    lines = ftm_lines(
        {"id": "a", "schema": "Person", "properties": [1]},
        b"[" * 100_000,
        ftm_person("p1", name="Ivan Ivanov"),
    )
    records = list(parse_ftm(lines))
    errors = {r.line: r.message for r in records if isinstance(r, ParseError)}
    assert set(errors) == {1, 2}
    assert "properties" in errors[1]
    assert "nested too deeply" in errors[2]
    assert [r.id for r in records if isinstance(r, Entity)] == ["p1"]


def test_a_csv_field_longer_than_the_csv_limit_is_reported_with_its_line():
    text = "name,birth_date\nIvan Ivanov,1975\n" + '"' + "x" * 200_000 + '",1980\n'
    records = list(parse_csv_list(csv_lines(text)))
    errors = [r for r in records if isinstance(r, ParseError)]
    assert [e.line for e in errors] == [3]
    assert "unreadable CSV line" in errors[0].message
