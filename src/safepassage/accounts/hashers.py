from django.contrib.auth.hashers import Argon2PasswordHasher


class Argon2idHasher(Argon2PasswordHasher):
    """Argon2id with 64 MiB and 3 passes (threat model S7); Django re-hashes on parameter change."""

    time_cost = 3
    memory_cost = 64 * 1024
    parallelism = 2
