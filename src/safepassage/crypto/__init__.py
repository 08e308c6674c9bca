"""Framework-free cryptography: thin, named uses of libsodium (PyNaCl); no primitives of our own."""
