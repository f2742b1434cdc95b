"""Python-side benchmark of mummer.requests against its peers (see ../README.md)."""
