"""Exit 0 when the PostgreSQL server named by the URL accepts a connection, 1 otherwise."""

import sys

import psycopg


def main(url: str) -> int:
    try:
        with psycopg.connect(url, connect_timeout=3):
            return 0
    except psycopg.OperationalError:
        return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
