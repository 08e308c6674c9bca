"""The embedded index: name-part trigrams and keys in numpy arrays, searched without a server."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from .dates import PartialDate
from .keys import normalise, trigrams
from .model import Query, Result
from .names import NamePart, ParsedName, Role, make_part, parse_name
from .scorer import (
    ESTIMATED,
    Comparer,
    Evidence,
    NameScore,
    PairCache,
    PartComparison,
    combine,
    compare_parts,
    date_evidence,
    exact_comparer,
    explain,
    score_names,
    unit_evidence,
)
from .scripts import consonant_key
from .units import unit_keys
from .variants import Form, name_forms

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
ROLES = list(Role)

# How many similar vocabulary entries one query part may pull in, and how similar they must be.
TOKENS_PER_PART = 40
# One shared trigram in two is enough to look closer: typos break most trigrams of short names.
MIN_DICE = 0.12
MIN_PART_SIMILARITY = 0.6
# How many records go on to the full scorer.
RESCORE = 150
# Records within this much of the best quick score count as tied; at most this many are scored.
TIE_BAND = 0.05
MAX_DEPTH = 1000
_QUERY_ROLE_WEIGHT = {Role.SURNAME: 1.0, Role.GIVEN: 0.8, Role.PATRONYMIC: 0.5, Role.OTHER: 0.8}
BIRTH_YEAR_BOOST = 0.6
UNIT_BOOST = 0.4


class _Known:
    """Comparisons made while finding candidates; any other pair of parts counts as unlike."""

    def __init__(self) -> None:
        self.pairs: set[tuple[str, str]] = set()
        self.unmatched: set[str] = set()
        self.listed_spellings: set[str] = set()

    def add(self, part: NamePart, token: str) -> None:
        self.pairs.add((part.text, token))

    def compare(self, query: NamePart, listed: NamePart) -> PartComparison:
        # A query part nothing was found for (a mistyped short name) is compared in full.
        if not (
            Role.INITIAL in (query.role, listed.role)
            or query.text in self.unmatched
            or (query.text, listed.text) in self.pairs
        ):
            return UNLIKE
        found = exact_comparer(query, listed)
        if query.text in self.listed_spellings and found.how.startswith(SIMILAR_SPELLING):
            # The query's surname is itself a name on the lists (Popkov), so a one-letter
            # neighbour (Popov) is more likely another family than a typing error.
            return PartComparison(
                min(found.similarity, KNOWN_SPELLING_CAP),
                f"{found.how}, but {query.text} is itself a listed name",
            )
        return found


UNLIKE = PartComparison(0.0, ESTIMATED)
SIMILAR_SPELLING = "similar spelling"
# Below the similarity at which a part agrees (scorer.AGREES).
KNOWN_SPELLING_CAP = 0.74


class IndexFormatError(RuntimeError):
    """A folder that does not hold an index this code can read."""


class Index:
    """A searchable, saveable set of list entries."""

    def __init__(self, manifest: dict[str, Any], arrays: dict[str, npt.NDArray[Any]]) -> None:
        self.manifest = manifest
        # Plain views of memory-mapped arrays: slicing a np.memmap builds a memmap object each
        # time, which costs more than the lookup itself; the data stays mapped, not copied.
        self.arrays = {name: array.view(np.ndarray) for name, array in arrays.items()}
        self._mapped = arrays
        a = self.arrays
        self._tokens: list[str] = list(manifest["tokens"])
        self._unit_keys: dict[str, int] = {k: i for i, k in enumerate(manifest["unit_keys"])}
        self._trigram_ids: dict[str, int] = {str(k): i for i, k in enumerate(a["tri_keys"])}
        self._by_skeleton: dict[str, list[int]] = {}
        # The builder stored every part's skeletons: recomputing them for a large vocabulary
        # would make opening an index slow.
        lengths = []
        for number, skeletons in enumerate(manifest["token_skeletons"]):
            lengths.append(len(skeletons[0]))
            for skel in skeletons:
                self._by_skeleton.setdefault(skel, []).append(number)
        self._token_length = np.array(lengths, dtype=np.int16)
        self._n_records = len(a["rec_entity"])
        self._rec_entity = a["rec_entity"]
        # Records are stored entity by entity: entity i owns records start[i]..start[i+1].
        self._ent_rec_start = np.searchsorted(a["rec_entity"], np.arange(self.entity_count + 1))
        self._ent_units: dict[int, list[str]] | None = None
        self._local = threading.local()
        self._consonant_index: dict[str, list[int]] | None = None
        self._consonants_lock = threading.Lock()

    @property
    def entity_count(self) -> int:
        """How many entities the index holds."""
        return int(self.manifest["entities"])

    # Saving and loading ------------------------------------------------------------------

    def save(self, folder: str | os.PathLike[str]) -> None:
        """Write the index to a folder: one .npy per array and a JSON manifest written last."""
        path = Path(folder)
        path.mkdir(parents=True, exist_ok=True)
        for name, array in self.arrays.items():
            np.save(path / f"{name}.npy", np.ascontiguousarray(array), allow_pickle=False)
        temporary = path / (MANIFEST + ".tmp")
        manifest = dict(self.manifest, arrays=sorted(self.arrays))
        temporary.write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
        # The manifest appears only once every array is in place, so a half-written index
        # is never mistaken for a complete one.
        temporary.replace(path / MANIFEST)

    @classmethod
    def load(cls, folder: str | os.PathLike[str], *, mmap: bool = True) -> Index:
        """Open a saved index; arrays are memory-mapped unless `mmap` is false."""
        path = Path(folder)
        try:
            manifest = json.loads((path / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise IndexFormatError(f"no readable index manifest in {path}: {error}") from error
        if manifest.get("format") != FORMAT_VERSION:
            raise IndexFormatError(f"index format {manifest.get('format')} is not supported")
        arrays = {
            name: np.load(path / f"{name}.npy", mmap_mode="r" if mmap else None, allow_pickle=False)
            for name in manifest.pop("arrays")
        }
        return cls(manifest, arrays)

    # Entity details ----------------------------------------------------------------------

    def _string(self, prefix: str, index: int) -> str:
        blob, offsets = self.arrays[f"{prefix}_blob"], self.arrays[f"{prefix}_off"]
        return bytes(blob[offsets[index] : offsets[index + 1]]).decode()

    def entity_id(self, index: int) -> str:
        """The list's own id of an entity."""
        return self._string("ent_id", index)

    def caption(self, index: int) -> str:
        """The display name of an entity."""
        return self._string("ent_caption", index)

    def describe(self, index: int) -> dict[str, Any]:
        """Who an entity is and where the entry comes from."""
        info: dict[str, Any] = {"id": self.entity_id(index), "caption": self.caption(index)}
        info.update(json.loads(self._string("ent_meta", int(self.arrays["ent_meta"][index]))))
        sanctions = self.manifest["sanctions"].get(info["id"])
        if sanctions:
            info["sanctions"] = sanctions
        return info

    def birth_dates(self, index: int) -> list[PartialDate]:
        """The birth dates a list gives for an entity."""
        indptr = self.arrays["ent_birth_indptr"]
        values = self.arrays["ent_birth"][indptr[index] : indptr[index + 1]]
        return [PartialDate.unpack(int(v)) for v in values]

    def units_of(self, index: int) -> set[str]:
        """The unit keys filed for an entity."""
        if self._ent_units is None:
            # Few entities carry units: an inverted copy is small and built on first need.
            indptr, ents = self.arrays["unit_indptr"], self.arrays["unit_ent"]
            inverted: dict[int, list[str]] = {}
            for key, number in self._unit_keys.items():
                for entity in ents[indptr[number] : indptr[number + 1]]:
                    inverted.setdefault(int(entity), []).append(key)
            self._ent_units = inverted
        return set(self._ent_units.get(index, ()))

    def entities_with_unit(self, key: str) -> npt.NDArray[np.int32]:
        """The entities filed under one unit key."""
        number = self._unit_keys.get(key)
        if number is None:
            return np.zeros(0, dtype=np.int32)
        indptr = self.arrays["unit_indptr"]
        return np.asarray(self.arrays["unit_ent"][indptr[number] : indptr[number + 1]])

    def record_name(self, record: int) -> ParsedName:
        """The parsed name of one record, roles as the list gave or as they were inferred."""
        indptr = self.arrays["rec_indptr"]
        start, end = int(indptr[record]), int(indptr[record + 1])
        tokens = self.arrays["rec_token"][start:end]
        roles = self.arrays["rec_role"][start:end]
        parts = tuple(
            make_part(self._tokens[int(t)], ROLES[int(r)])
            for t, r in zip(tokens, roles, strict=True)
        )
        return ParsedName(" ".join(p.text for p in parts), parts)

    # Candidate generation ----------------------------------------------------------------

    def similar_tokens(self, part: NamePart) -> dict[int, float]:
        """Vocabulary entries like one query part, with their similarity."""
        found: set[int] = set()
        for skel in part.skeletons():
            found.update(self._by_skeleton.get(skel, ()))
        for kind, classes in (("given", part.given), ("father", part.father)):
            indptr, tokens = self.arrays[f"{kind}_indptr"], self.arrays[f"{kind}_tok"]
            for cls in classes:
                if cls + 1 < len(indptr):
                    found.update(int(t) for t in tokens[indptr[cls] : indptr[cls + 1]])
        if part.script in ("abjad", "hangul"):
            # Few vowels written, or vowels spelt many ways: the consonants find the entry.
            found.update(self._by_consonants().get(consonant_key(part.norm), ()))
        own = {g for skel in part.skeletons() for g in trigrams(skel)}
        grams = [self._trigram_ids[g] for g in own if g in self._trigram_ids]
        if grams:
            indptr, tokens = self.arrays["tri_indptr"], self.arrays["tri_tok"]
            hits = [tokens[indptr[g] : indptr[g + 1]] for g in grams]
            pool = np.concatenate(hits) if hits else np.zeros(0, dtype=np.int32)
            if len(pool):
                ids, counts = np.unique(pool, return_counts=True)
                # A part much longer or shorter cannot be a spelling of this one.
                slack = max(2, len(part.skel) // 3)
                near = np.abs(self._token_length[ids] - len(part.skel)) <= slack
                ids, counts = ids[near], counts[near]
                sizes = self.arrays["tok_tri_count"][ids].astype(np.float32)
                dice = 2.0 * counts / (len(own) + sizes)
                top = np.argsort(-dice, kind="stable")[:TOKENS_PER_PART]
                found.update(int(ids[i]) for i in top if dice[i] >= MIN_DICE)
        out: dict[int, float] = {}
        for number in found:
            token = make_part(self._tokens[number])
            similarity = compare_parts(part, token, explain=False).similarity
            if similarity >= MIN_PART_SIMILARITY:
                out[number] = similarity
        return out

    def _by_consonants(self) -> dict[str, list[int]]:
        """Vocabulary entries by the consonants of their letters, made on first need.

        Only list entries' parts are kept here, never a query's.
        """
        with self._consonants_lock:
            if self._consonant_index is None:
                index: dict[str, list[int]] = {}
                for number, text in enumerate(self._tokens):
                    index.setdefault(consonant_key(normalise(text)), []).append(number)
                self._consonant_index = index
            return self._consonant_index

    def _buffers(self) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.float32]]:
        """Two all-zero score arrays over the records, one pair per thread, reused by queries."""
        buffers: tuple[npt.NDArray[np.float32], npt.NDArray[np.float32]] | None
        buffers = getattr(self._local, "buffers", None)
        if buffers is None:
            buffers = (
                np.zeros(self._n_records, dtype=np.float32),
                np.zeros(self._n_records, dtype=np.float32),
            )
            self._local.buffers = buffers
        return buffers

    def _candidates(
        self, parsed: ParsedName, query: Query, keys: set[str], known: _Known
    ) -> npt.NDArray[Any]:
        """Records most likely to be the person, best first, by a quick vectorised score."""
        # Work only on the records the query's parts reach; the buffers are zero again on return.
        total, best = self._buffers()
        post_indptr, post_rec = self.arrays["post_indptr"], self.arrays["post_rec"]
        reached: list[npt.NDArray[Any]] = []
        try:
            for part in parsed.parts:
                if part.role is Role.INITIAL:
                    continue
                similar = self.similar_tokens(part)
                if not similar:
                    known.unmatched.add(part.text)
                    continue
                if not (part.given or part.father) and part.skel in self._by_skeleton:
                    known.listed_spellings.add(part.text)
                # Ascending similarity: where a record holds several similar tokens the best wins.
                ordered = sorted(similar.items(), key=lambda kv: kv[1])
                chunks = [post_rec[post_indptr[n] : post_indptr[n + 1]] for n, _ in ordered]
                records = np.concatenate(chunks)
                sims = np.repeat(
                    np.array([v for _, v in ordered], dtype=np.float32), [len(c) for c in chunks]
                )
                best[records] = sims
                total[records] += _QUERY_ROLE_WEIGHT.get(part.role, 0.8) * best[records]
                best[records] = 0.0
                reached.append(records)
                for number, _ in ordered:
                    known.add(part, self._tokens[number])
            if not reached:
                return np.zeros(0, dtype=np.int64)
            touched = np.concatenate(reached)
            if query.birth_date is not None:
                same_year = touched[self.arrays["rec_year"][touched] == query.birth_date.year]
                total[same_year] += BIRTH_YEAR_BOOST  # repeated indices add once
            for key in keys:
                records = self._records_of(self.entities_with_unit(key))
                total[records[total[records] > 0]] += UNIT_BOOST
            scores = total[touched]
            # Namesakes tie at the top; all of them go on to scoring, up to a bound, so that
            # an alert is not lost for want of depth.
            tied = int(np.count_nonzero(scores >= scores.max() - TIE_BAND))
            depth = max(RESCORE, min(tied, MAX_DEPTH))
            if len(touched) > 4 * depth:
                # The same record appears once per part that reached it: thin out before ranking.
                keep = np.argpartition(-scores, 4 * depth)[: 4 * depth]
                touched, scores = touched[keep], scores[keep]
            touched, first = np.unique(touched, return_index=True)
            scores = scores[first]
            order = np.argsort(-scores, kind="stable")
            touched = touched[order]
            # One record per entity: its Latin and Cyrillic names would take two places.
            _, first = np.unique(self._rec_entity[touched], return_index=True)
            return touched[np.sort(first)][:depth]
        finally:
            for records in reached:
                total[records] = 0.0

    def _records_of(self, entities: npt.NDArray[Any]) -> npt.NDArray[np.int64]:
        """Every record of the given entities."""
        starts = self._ent_rec_start[entities]
        lengths = self._ent_rec_start[entities + 1] - starts
        if not len(lengths):
            return np.zeros(0, dtype=np.int64)
        shift = np.repeat(starts - np.concatenate(([0], np.cumsum(lengths)[:-1])), lengths)
        return np.asarray(shift + np.arange(int(lengths.sum())), dtype=np.int64)

    # Search ------------------------------------------------------------------------------

    def search(self, query: Query | str, limit: int = 10) -> list[Result]:
        """The list entries most like the query, best first, each with its explanation.

        Every entry that alerts is returned even beyond `limit`: an alert is never hidden
        behind its namesakes (a common name alone can alert on hundreds of people).
        """
        if isinstance(query, str):
            query = Query(query)
        parsed = parse_name(query.name)
        forms = name_forms(parsed)
        keys = {k for unit in query.units for k in unit_keys(unit)}
        known = _Known()
        # Candidates for every division of the name (Ivan-Petrov, IvanPetrov, ivanpetrov).
        every_part = {p.text: p for form in forms for p in form.name.parts}
        lookup = ParsedName(parsed.text, tuple(every_part.values())) if len(forms) > 1 else parsed
        records = self._candidates(lookup, query, keys, known)
        # Parts the candidate search did not find alike are taken as unlike while pairing;
        # the pairs finally chosen are then compared exactly (see scorer._refine).
        scored = self._score_records(records, forms, query, keys, known.compare, refine=False)
        # Exact comparison only raises a score, and far below the alert it changes nothing
        # that matters: refine the leaders only, keeping some spare places.
        rank = {entity: position for position, entity in enumerate(scored)}
        leaders = sorted(scored.items(), key=lambda item: (-item[1][0], rank[item[0]]))
        alerting = sum(1 for _, (_, alert, *_) in leaders if alert)
        leaders = leaders[: max(2 * limit, alerting + limit)]
        leader_records = np.array([item[1][4] for item in leaders], dtype=np.int64)
        final = self._score_records(leader_records, forms, query, keys, known.compare, refine=True)
        best = sorted(final.items(), key=lambda item: (-item[1][0], rank[item[0]]))
        best = best[: max(limit, sum(1 for _, (_, alert, *_) in best if alert))]
        results = [
            self._result(entity, score, alert, explain(name, evidence, score, alert), query)
            for entity, (score, alert, name, evidence, _) in best
        ]
        results.extend(self._unit_results(keys, exclude=set(scored)))
        results.sort(key=lambda r: -r.score)
        return results[: max(limit, sum(r.alert for r in results))]

    def _score_records(
        self,
        records: npt.NDArray[Any],
        forms: list[Form],
        query: Query,
        keys: set[str],
        compare: Comparer,
        *,
        refine: bool,
    ) -> dict[int, tuple[float, bool, NameScore, list[Evidence], int]]:
        """Score records; keep each entity's best record."""
        best: dict[int, tuple[float, bool, NameScore, list[Evidence], int]] = {}
        # Entities come in candidate order, which breaks ties later on.
        # Namesakes share the very same parts: score each distinct name once.
        names: dict[bytes, NameScore] = {}
        pairs: PairCache = {}
        indptr, tokens, roles = (self.arrays[k] for k in ("rec_indptr", "rec_token", "rec_role"))
        for record in records:
            entity = int(self._rec_entity[record])
            start, end = int(indptr[record]), int(indptr[record + 1])
            signature = tokens[start:end].tobytes() + roles[start:end].tobytes()
            name = names.get(signature)
            if name is None:
                name = names[signature] = score_names(
                    forms[0].name,
                    self.record_name(int(record)),
                    compare,
                    refine=refine,
                    pairs=pairs,
                    query_forms=forms,
                )
            evidence = [
                e
                for e in (
                    date_evidence(query.birth_date, self.birth_dates(entity)),
                    unit_evidence(keys, self.units_of(entity)) if keys else None,
                )
                if e is not None
            ]
            score, alert = combine(name, evidence)
            if entity not in best or score > best[entity][0]:
                best[entity] = (score, alert, name, evidence, int(record))
        return best

    def _unit_results(self, keys: set[str], exclude: set[int]) -> list[Result]:
        """Units named in the query that are themselves on a list."""
        out = []
        for key in sorted(keys):
            for entity in self.entities_with_unit(key):
                number = int(entity)
                if number in exclude or self.arrays["ent_schema"][number] != 1:
                    continue
                exclude.add(number)
                detail = f"the unit {key.split(':', 1)[1]} is itself on the list"
                explanation = {
                    "score": 1.0,
                    "alert": True,
                    "name": None,
                    "evidence": [{"kind": "unit", "weight": 1.0, "detail": detail}],
                    "entity": self.describe(number),
                }
                out.append(
                    Result(self.entity_id(number), self.caption(number), 1.0, True, explanation)
                )
        return out

    def _result(
        self, entity: int, score: float, alert: bool, explanation: dict[str, Any], query: Query
    ) -> Result:
        explanation["query"] = {
            "name": query.name,
            "birth_date": str(query.birth_date) if query.birth_date else None,
            "units": list(query.units),
        }
        explanation["entity"] = self.describe(entity)
        return Result(
            self.entity_id(entity), self.caption(entity), round(score, 4), alert, explanation
        )
