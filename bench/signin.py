"""Sign-in and audit-log figures: Argon2id cost, audit appends/s, audit entries verified/s.

    .venv/bin/python bench/signin.py [--entries 200000] [--appends 3000]

Each figure that has a natural baseline is also printed as a ratio against it, measured in the
same process: appends against plain inserts of the same rows, verification against merely reading
the rows back.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import emit, median_seconds, postgres_reachable, run_child, scratch_instance


def part_password() -> None:
    with scratch_instance("sqlite"):
        from safepassage.accounts.hashers import Argon2idHasher

        hasher = Argon2idHasher()
        encoded = hasher.encode("a realistic passphrase of five words", hasher.salt())
        emit("argon2id_time_cost", hasher.time_cost)
        emit("argon2id_memory_mib", hasher.memory_cost // 1024)
        emit("argon2id_parallelism", hasher.parallelism)
        seconds = median_seconds(
            lambda: hasher.verify("a realistic passphrase of five words", encoded), repeat=15
        )
        emit("password_verify_median_s", f"{seconds:.3f}")


def build_log(entries: int) -> None:
    """Append `entries` entries with correct hashes directly, far faster than one by one."""
    from safepassage.audit import services
    from safepassage.audit.chain import details_text, entry_bytes, timestamp
    from safepassage.audit.merkle import Frontier, leaf_hash
    from safepassage.audit.models import AuditEntry, AuditHead

    head = AuditHead.objects.get(pk=1)
    frontier = Frontier.unpack(head.size, bytes(head.frontier))
    at = datetime.now(UTC)
    batch: list[AuditEntry] = []
    for seq in range(head.size + 1, head.size + entries + 1):
        when = at + timedelta(microseconds=seq)
        text = details_text({"n": seq})
        leaf = leaf_hash(
            entry_bytes(
                seq,
                timestamp(when),
                1,
                "staff@example.org",
                "case.viewed",
                "case",
                str(seq),
                text,
            )
        )
        frontier.append(leaf)
        batch.append(
            AuditEntry(
                seq=seq,
                at=when,
                actor_id=1,
                actor_label="staff@example.org",
                action="case.viewed",
                target_type="case",
                target_ref=str(seq),
                details=text,
                leaf_hash=leaf,
                root_hash=frontier.root(),
            )
        )
        if len(batch) == 5000:
            AuditEntry.objects.bulk_create(batch)
            batch = []
    AuditEntry.objects.bulk_create(batch)
    AuditHead.objects.filter(pk=1).update(size=frontier.size, frontier=frontier.pack())
    services.publish_head(frontier.size, frontier.root())


def part_audit(database: str, appends: int, entries: int) -> None:
    with scratch_instance(database):
        from django.db import transaction

        from safepassage.accounts.services import create_organisation
        from safepassage.audit import services
        from safepassage.audit.chain import details_text
        from safepassage.audit.models import AuditEntry

        create_organisation("Bench")
        start = time.perf_counter()
        for i in range(appends):
            services.record("bench.event", target_type="case", target_ref=i, details={"n": i})
        append_rate = appends / (time.perf_counter() - start)
        # Baseline: the same rows inserted one transaction at a time, with no hashing or head.
        start = time.perf_counter()
        for i in range(appends):
            with transaction.atomic():
                AuditEntry.objects.create(
                    seq=10_000_000 + i,
                    at=datetime.now(UTC),
                    action="bench.event",
                    target_type="case",
                    target_ref=str(i),
                    details=details_text({"n": i}),
                    leaf_hash=b"\0" * 32,
                    root_hash=b"\0" * 32,
                )
        baseline = appends / (time.perf_counter() - start)
        AuditEntry.objects.filter(seq__gte=10_000_000).delete()
        emit(f"audit_appends_per_s_{database}", f"{append_rate:.0f}")
        emit(f"plain_inserts_per_s_{database}", f"{baseline:.0f}")
        emit(f"audit_appends_vs_plain_inserts_{database}", f"{append_rate / baseline:.2f}")
        # Many entries of one action (an import, a re-screening) share one transaction.
        events = [services.Event("bench.event", None, "case", i, {"n": i}) for i in range(100)]
        start = time.perf_counter()
        for _ in range(appends // 100):
            services.record_many(events)
        emit(
            f"audit_appends_per_s_batches_of_100_{database}",
            f"{(appends // 100) * 100 / (time.perf_counter() - start):.0f}",
        )

        build_log(entries)
        start = time.perf_counter()
        report = services.verify()
        verify_seconds = time.perf_counter() - start
        assert report.ok, report.problems
        start = time.perf_counter()
        rows = sum(1 for _ in services._rows())
        read_seconds = time.perf_counter() - start
        emit(f"audit_verified_per_s_{database}", f"{report.entries / verify_seconds:.0f}")
        emit(f"audit_verify_vs_reading_rows_{database}", f"{read_seconds / verify_seconds:.2f}")
        assert rows == report.entries


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--part", choices=["password", "audit"])
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--appends", type=int, default=3000)
    parser.add_argument("--entries", type=int, default=200_000)
    args = parser.parse_args()
    if args.part == "password":
        part_password()
        return
    if args.part == "audit":
        part_audit(args.db, args.appends, args.entries)
        return
    sizes = ["--appends", str(args.appends), "--entries", str(args.entries)]
    for line in run_child(__file__, "--part", "password"):
        print(line, flush=True)
    for line in run_child(__file__, "--part", "audit", "--db", "sqlite", *sizes):
        print(line, flush=True)
    if postgres_reachable():
        for line in run_child(__file__, "--part", "audit", "--db", "postgres", *sizes):
            print(line, flush=True)
    else:
        emit("audit_appends_per_s_postgres", "unavailable (PostgreSQL not reachable)")


if __name__ == "__main__":
    main()
