"""Warnings, as curl_cffi's ``curl_cffi.utils``: mummer warns with `MummerWarning` (also
reachable as `CurlCffiWarning`), silenced by default like curl_cffi's; `config_warnings(True)`
shows them."""

from __future__ import annotations

import warnings

__all__ = ["CurlCffiWarning", "MummerWarning", "config_warnings"]


class MummerWarning(UserWarning, RuntimeWarning):
    """Something mummer changed or ignored on the caller's behalf (a cookie prefix rule)."""


CurlCffiWarning = MummerWarning


def config_warnings(on: bool = False) -> None:
    """Shows (``on=True``) or hides mummer's warnings."""
    warnings.simplefilter("default" if on else "ignore", category=MummerWarning)
