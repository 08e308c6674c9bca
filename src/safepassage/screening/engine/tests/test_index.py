"""The embedded index: finding people across spellings, evidence in ranking, saving and loading."""

import json

import numpy as np
import pytest

from safepassage.screening.engine import (
    Entity,
    Index,
    IndexBuilder,
    IndexFormatError,
    Link,
    PartialDate,
    Query,
    Sanction,
    StructuredName,
)


def person(entity_id, name, born=None, **extra):
    return Entity(
        id=entity_id,
        schema="Person",
        caption=name,
        names=[name],
        birth_dates=[PartialDate(*born)] if born else [],
        source="test list",
        datasets=["test"],
        **extra,
    )


@pytest.fixture(scope="module")
def index():
    builder = IndexBuilder("test list")
    builder.add(person("khrushchev", "Nikita Sergeyevich Khrushchev", (1894, 4, 15)))
    builder.add(person("zhukov", "Georgy Konstantinovich Zhukov", (1896, 12, 1)))
    builder.add(person("tsoi", "Viktor Robertovich Tsoy", (1962, 6, 21)))
    builder.add(person("ivanov-1975", "Ivan Petrovich Ivanov", (1975, 3, 14)))
    builder.add(person("ivanov-1982", "Ivan Petrovich Ivanov", (1982, 7, 1)))
    builder.add(
        Entity(
            id="structured",
            schema="Person",
            caption="PODYACHEV, Yuri Yuryevich",
            structured=[StructuredName("Yuri", "Yuryevich", "Podyachev")],
        )
    )
    brigade = "64th Separate Motor Rifle Brigade (military unit 51460)"
    builder.add(Entity(id="brigade", schema="Organization", caption="64th", names=[brigade]))
    builder.add(person("soldier", "Sergei Ivanovich Kuznetsov", (1990,)))
    builder.add(Link("m1", "Membership", "soldier", "brigade"))
    builder.add(Sanction("s1", "khrushchev", authority="Test authority", program="TEST-1"))
    return builder.build()


def ids(results):
    return [r.entity_id for r in results]


def test_french_spelling_finds_the_listed_person(index):
    results = index.search(Query("Khrouchtchev Nikita Sergueievitch"))
    assert results[0].entity_id == "khrushchev"
    assert results[0].alert


def test_cyrillic_query_finds_latin_entry(index):
    assert index.search("Жуков Георгий")[0].entity_id == "zhukov"


def test_gost_b_spelling_of_tsoi_finds_tsoy(index):
    assert index.search("Czoj Viktor")[0].entity_id == "tsoi"


def test_structured_entry_is_found_by_icao_spelling(index):
    result = index.search("Podieiachev Iurii Iurevich")[0]
    assert result.entity_id == "structured"
    assert result.alert


def test_birth_date_ranks_the_right_namesake_first(index):
    first = index.search(Query("Ivanov Ivan Petrovich", PartialDate(1982, 7, 1)))
    second = index.search(Query("Ivanov Ivan Petrovich", PartialDate(1975, 3, 14)))
    assert first[0].entity_id == "ivanov-1982"
    assert second[0].entity_id == "ivanov-1975"


def test_contradicting_birth_date_does_not_alert(index):
    results = index.search(Query("Ivanov Ivan Petrovich", PartialDate(1975, 3, 14)), limit=5)
    by_id = {r.entity_id: r for r in results}
    assert by_id["ivanov-1975"].alert
    assert not by_id["ivanov-1982"].alert


def test_listed_unit_is_returned_when_the_query_names_it(index):
    results = index.search(Query("Petr Petrov", units=("в/ч 51460",)))
    unit = next(r for r in results if r.entity_id == "brigade")
    assert unit.alert
    assert "51460" in unit.explanation["evidence"][0]["detail"]


def test_membership_link_gives_the_person_his_units_number(index):
    result = index.search(Query("Kuznetsov Sergei", units=("military unit 51460",)))[0]
    assert result.entity_id == "soldier"
    kinds = [e["kind"] for e in result.explanation["evidence"]]
    assert "unit" in kinds


def test_explanation_carries_source_dataset_and_sanction(index):
    result = index.search("Nikita Khrushchev")[0]
    entity = result.explanation["entity"]
    assert entity["id"] == "khrushchev"
    assert entity["source"] == "test list"
    assert entity["datasets"] == ["test"]
    assert entity["sanctions"][0]["authority"] == "Test authority"
    assert json.loads(json.dumps(result.explanation)) == result.explanation


def test_unrelated_name_does_not_alert(index):
    assert not any(r.alert for r in index.search("Pavel Andreevich Smirnov"))


def test_save_and_load_give_the_same_results(index, tmp_path):
    index.save(tmp_path / "index")
    loaded = Index.load(tmp_path / "index")
    for query in ("Khrouchtchev Nikita", "Czoj Viktor", "Ivanov Ivan"):
        before = [(r.entity_id, r.score, r.alert) for r in index.search(query)]
        after = [(r.entity_id, r.score, r.alert) for r in loaded.search(query)]
        assert before == after
    assert isinstance(loaded._mapped["post_rec"], np.memmap)


def test_folder_without_manifest_is_refused(tmp_path):
    with pytest.raises(IndexFormatError):
        Index.load(tmp_path)


def test_index_of_another_format_is_refused(index, tmp_path):
    index.save(tmp_path / "index")
    manifest = tmp_path / "index" / "manifest.json"
    data = json.loads(manifest.read_text())
    data["format"] = 999
    manifest.write_text(json.dumps(data))
    with pytest.raises(IndexFormatError):
        Index.load(tmp_path / "index")
