"""Build an index from a stream of list records, in compact arrays rather than Python objects."""

from __future__ import annotations

import json
from array import array
from collections.abc import Callable, Iterable
from typing import Any

import numpy as np
import numpy.typing as npt

from .index import FORMAT_VERSION, Index
from .keys import trigrams
from .model import ORGANIZATION, PERSON, Entity, Link, ParseError, Record, Sanction
from .names import NamePart, ParsedName, Role, make_part, parse_name, structured_name
from .units import unit_keys
from .variants import name_forms

ROLE_CODES = {role: code for code, role in enumerate(Role)}
SCHEMA_CODES = {PERSON: 0, ORGANIZATION: 1, "Position": 2}
# A trigram shared by more than this share of all name parts (and by many of them) says
# little about a name and costs the most to look up: it is not indexed.
COMMON_TRIGRAM_SHARE = 0.08
COMMON_TRIGRAM_MIN = 200

IntArray = npt.NDArray[np.int64]


class _Strings:
    """Many strings in one UTF-8 buffer with offsets."""

    def __init__(self) -> None:
        self.blob = bytearray()
        self.offsets = array("q", [0])

    def add(self, text: str) -> None:
        self.blob += text.encode()
        self.offsets.append(len(self.blob))

    def arrays(self) -> tuple[npt.NDArray[np.uint8], IntArray]:
        return (
            np.frombuffer(bytes(self.blob), dtype=np.uint8).copy(),
            np.frombuffer(self.offsets, dtype=np.int64).copy(),
        )


def _csr(
    keys: npt.NDArray[np.int64], values: npt.NDArray[Any], size: int
) -> tuple[IntArray, npt.NDArray[Any]]:
    """Group values by integer key 0..size-1 into (indptr, values in key order)."""
    order = np.argsort(keys, kind="stable")
    counts = np.bincount(keys, minlength=size)
    indptr = np.zeros(size + 1, dtype=np.int64)
    np.cumsum(counts, out=indptr[1:])
    return indptr, values[order]


class IndexBuilder:
    """Collects entities, links and sanctions; `build` turns them into an `Index`."""

    def __init__(self, source: str = "") -> None:
        self.source = source
        self._token_ids: dict[str, int] = {}
        self._tokens: list[NamePart] = []
        self._rec_entity = array("i")
        self._rec_indptr = array("q", [0])
        self._rec_tokens = array("i")
        self._rec_roles = array("b")
        self._ids = _Strings()
        self._captions = _Strings()
        self._meta = _Strings()
        self._meta_ids: dict[tuple[Any, ...], int] = {}
        self._ent_meta = array("i")
        self._schema = array("b")
        self._birth_indptr = array("q", [0])
        self._births = array("i")
        self._entity_units: list[tuple[int, str]] = []
        self._org_units: dict[str, list[str]] = {}
        self._links: list[Link] = []
        self._sanctions: dict[str, list[dict[str, Any]]] = {}
        self._count = 0

    @property
    def entity_count(self) -> int:
        """How many entities were added."""
        return self._count

    def add(self, record: Record | ParseError) -> None:
        """Add one record from a parser; parse errors are the caller's business, not ours."""
        if isinstance(record, Entity):
            self._add_entity(record)
        elif isinstance(record, Link):
            self._links.append(record)
        elif isinstance(record, Sanction):
            facts = {"authority": record.authority, "program": record.program}
            if record.start:
                facts["start"] = record.start
            self._sanctions.setdefault(record.entity_id, []).append(facts)

    def add_all(self, records: Iterable[Record | ParseError]) -> None:
        """Add every record of a stream."""
        for record in records:
            self.add(record)

    def _token(self, part: NamePart) -> int:
        key = part.text
        found = self._token_ids.get(key)
        if found is None:
            found = self._token_ids[key] = len(self._tokens)
            self._tokens.append(make_part(part.text))
        return found

    def _add_entity(self, entity: Entity) -> None:
        index = self._count
        self._count += 1
        self._ids.add(entity.id)
        self._captions.add(entity.caption)
        self._schema.append(SCHEMA_CODES.get(entity.schema, 1))
        # Entries of one list share most of their provenance: each distinct one is stored once.
        provenance_key = (
            entity.schema, entity.source, tuple(entity.datasets), tuple(entity.topics),
            entity.first_seen, entity.last_seen, entity.last_change,
        )  # fmt: skip
        meta_id = self._meta_ids.get(provenance_key)
        if meta_id is None:
            meta = entity.provenance()
            meta["schema"] = entity.schema
            if not meta.get("source"):
                meta["source"] = self.source
            meta_id = self._meta_ids[provenance_key] = len(self._meta_ids)
            self._meta.add(json.dumps(meta, ensure_ascii=False, separators=(",", ":")))
        self._ent_meta.append(meta_id)
        for date in entity.birth_dates:
            self._births.append(date.packed())
        self._birth_indptr.append(len(self._births))
        keys: list[str] = []
        for unit in entity.units:
            keys.extend(unit_keys(unit))
        if entity.schema != PERSON:
            for text in entity.names:
                keys.extend(unit_keys(text))
            self._org_units[entity.id] = list(dict.fromkeys(keys))
        for key in dict.fromkeys(keys):
            self._entity_units.append((index, key))
        if entity.schema != PERSON:
            return  # units are found by their numbers and names, not by the person-name index
        seen: set[tuple[str, ...]] = set()
        parsed: list[ParsedName] = [
            structured_name(s.given, s.patronymic, s.surname) for s in entity.structured
        ]
        parsed.extend(parse_name(text) for text in entity.names)
        # Other divisions of a name (Petrov-Vodkin as Petrov Vodkin, Jong Un as Jongun) are
        # filed too, so that a query divided either way finds the entry.
        parsed.extend(f.name for name in list(parsed) for f in name_forms(name, typed=False)[1:])
        for name in parsed:
            signature = tuple(sorted(p.norm for p in name.parts))
            if not name.parts or signature in seen:
                continue
            seen.add(signature)
            for part in name.parts:
                self._rec_tokens.append(self._token(part))
                self._rec_roles.append(ROLE_CODES[part.role])
            self._rec_entity.append(index)
            self._rec_indptr.append(len(self._rec_tokens))

    def _resolve_links(self, ids: npt.NDArray[np.uint8], offsets: IntArray) -> None:
        """Give people the unit keys of the organisations they are linked to."""
        wanted: dict[str, list[str]] = {}
        for link in self._links:
            keys = self._org_units.get(link.organization_id, [])
            if link.role:
                keys = keys + unit_keys(link.role)
            if keys:
                wanted.setdefault(link.person_id, []).extend(keys)
        if not wanted:
            return
        raw = ids.tobytes()
        for index in range(len(offsets) - 1):
            entity_id = raw[offsets[index] : offsets[index + 1]].decode()
            for key in dict.fromkeys(wanted.get(entity_id, ())):
                self._entity_units.append((index, key))

    def build(self, on_progress: Callable[[str], None] | None = None) -> Index:
        """Freeze what was added into search-ready arrays."""
        report = on_progress or (lambda stage: None)
        arrays: dict[str, npt.NDArray[Any]] = {}
        arrays["ent_id_blob"], arrays["ent_id_off"] = self._ids.arrays()
        arrays["ent_caption_blob"], arrays["ent_caption_off"] = self._captions.arrays()
        arrays["ent_meta_blob"], arrays["ent_meta_off"] = self._meta.arrays()
        arrays["ent_meta"] = np.frombuffer(self._ent_meta, dtype=np.int32).copy()
        self._meta_ids.clear()
        arrays["ent_schema"] = np.frombuffer(self._schema, dtype=np.int8).copy()
        arrays["ent_birth_indptr"] = np.frombuffer(self._birth_indptr, dtype=np.int64).copy()
        arrays["ent_birth"] = np.frombuffer(self._births, dtype=np.int32).copy()
        report("records")
        rec_indptr = np.frombuffer(self._rec_indptr, dtype=np.int64).copy()
        rec_tokens = np.frombuffer(self._rec_tokens, dtype=np.int32).copy()
        rec_entity = np.frombuffer(self._rec_entity, dtype=np.int32).copy()
        arrays["rec_indptr"], arrays["rec_token"] = rec_indptr, rec_tokens
        arrays["rec_role"] = np.frombuffer(self._rec_roles, dtype=np.int8).copy()
        arrays["rec_entity"] = rec_entity
        # The first birth year of each record's entity, to favour namesakes born the same year.
        first_birth = np.zeros(self._count, dtype=np.int16)
        births = arrays["ent_birth"]
        has_birth = np.diff(arrays["ent_birth_indptr"]) > 0
        first_birth[has_birth] = births[arrays["ent_birth_indptr"][:-1][has_birth]] // 10000
        arrays["rec_year"] = first_birth[rec_entity]
        report("postings")
        n_tokens = len(self._tokens)
        part_record = np.repeat(np.arange(len(rec_entity), dtype=np.int32), np.diff(rec_indptr))
        arrays["post_indptr"], arrays["post_rec"] = _csr(
            rec_tokens.astype(np.int64), part_record, n_tokens
        )
        report("trigrams")
        arrays.update(self._trigram_arrays())
        arrays.update(self._class_arrays())
        self._resolve_links(arrays["ent_id_blob"], arrays["ent_id_off"])
        unit_names = sorted({key for _, key in self._entity_units})
        unit_ids = {key: i for i, key in enumerate(unit_names)}
        pairs = np.array(
            [(unit_ids[key], index) for index, key in self._entity_units], dtype=np.int64
        ).reshape(-1, 2)
        arrays["unit_indptr"], arrays["unit_ent"] = _csr(
            pairs[:, 0], pairs[:, 1].astype(np.int32), len(unit_names)
        )
        report("done")
        manifest = {
            "format": FORMAT_VERSION,
            "source": self.source,
            "entities": self._count,
            "records": len(rec_entity),
            "tokens": [p.text for p in self._tokens],
            "token_skeletons": [list(p.skeletons()) for p in self._tokens],
            "unit_keys": unit_names,
            "sanctions": self._sanctions,
        }
        return Index(manifest, arrays)

    def _trigram_arrays(self) -> dict[str, npt.NDArray[Any]]:
        ids: dict[str, int] = {}
        token_of: list[int] = []
        trigram_of: list[int] = []
        sizes = np.zeros(len(self._tokens), dtype=np.int16)
        for number, part in enumerate(self._tokens):
            grams = sorted({g for skel in part.skeletons() for g in trigrams(skel)})
            sizes[number] = len(grams)
            for gram in grams:
                trigram_of.append(ids.setdefault(gram, len(ids)))
                token_of.append(number)
        keys = np.array(trigram_of, dtype=np.int64)
        indptr, tokens = _csr(keys, np.array(token_of, dtype=np.int32), len(ids))
        counts = np.diff(indptr)
        limit = max(COMMON_TRIGRAM_MIN, int(COMMON_TRIGRAM_SHARE * len(self._tokens)))
        dropped = counts > limit
        # Dropped trigrams keep their id but lose their postings.
        keep = np.repeat(~dropped, counts)
        new_counts = np.where(dropped, 0, counts)
        new_indptr = np.zeros_like(indptr)
        np.cumsum(new_counts, out=new_indptr[1:])
        return {
            "tri_keys": np.array(sorted(ids, key=ids.__getitem__), dtype="U3"),
            "tri_indptr": new_indptr,
            "tri_tok": tokens[keep],
            "tok_tri_count": sizes,
        }

    def _class_arrays(self) -> dict[str, npt.NDArray[Any]]:
        out: dict[str, npt.NDArray[Any]] = {}
        for kind in ("given", "father"):
            pairs = [
                (cls, number)
                for number, part in enumerate(self._tokens)
                for cls in getattr(part, kind)
            ]
            arr = np.array(pairs, dtype=np.int64).reshape(-1, 2)
            size = int(arr[:, 0].max()) + 1 if len(arr) else 0
            out[f"{kind}_indptr"], out[f"{kind}_tok"] = _csr(
                arr[:, 0], arr[:, 1].astype(np.int32), size
            )
        return out


def build_index(records: Iterable[Record | ParseError], source: str = "") -> Index:
    """Build an index from one stream of records."""
    builder = IndexBuilder(source)
    builder.add_all(records)
    return builder.build()
