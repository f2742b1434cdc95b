"""Browser impersonation: the profile names (`BrowserType`, `BrowserTypeLiteral`) and
curl_cffi's `ExtraFingerprints`.

The names come from the engine's profiles (`_native.profiles()`, i.e. the files in
``crates/mummer-profile/profiles/``): that is the one list, here as everywhere. Each profile
answers to its name (``chrome_156``), its family alias (``chrome``) and curl_cffi's target name
for it (``chrome156``); any other name is an `ImpersonateError` that lists the known ones.

`ExtraFingerprints` becomes a partial profile in the TOML of those files (the engine's
``fp_overrides``), laid over the impersonated profile field by field.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, fields
from enum import Enum
from typing import TYPE_CHECKING, Literal, Optional, TypedDict, Union

from .. import _native
from ..const import CurlSslVersion
from .exceptions import ImpersonateError

__all__ = [
    "BrowserType",
    "BrowserTypeLiteral",
    "ExtraFingerprints",
    "ExtraFpDict",
    "known_names",
    "resolve_profile",
]


def known_names() -> list[str]:
    """Every profile name and alias, canonical names first."""
    names: list[str] = []
    for name, aliases, _browser, _version in _native.profiles():
        names.append(name)
        names.extend(aliases)
    return names


def _member_name(name: str) -> str:
    ident = "".join(c if c.isalnum() else "_" for c in name)
    return ident if ident[:1].isalpha() else f"_{ident}"


if TYPE_CHECKING:
    from enum import EnumMeta

    #: A profile name or alias (at run time a `Literal` of every shipped name).
    BrowserTypeLiteral = str

    class _BrowserTypeMeta(EnumMeta):
        def __getattr__(cls, name: str) -> BrowserType: ...

    class BrowserType(str, Enum, metaclass=_BrowserTypeMeta):
        """Every profile name and alias as an enum member (``BrowserType.chrome``)."""

else:
    BrowserTypeLiteral = Literal[tuple(known_names())]
    BrowserType = Enum(
        "BrowserType",
        [(_member_name(n), n) for n in known_names()],
        type=str,
        module=__name__,
    )
    BrowserType.__doc__ = "Every profile name and alias as an enum member (``BrowserType.chrome``)."


def resolve_profile(name: Union[str, Enum]) -> str:
    """The canonical profile name for a profile name, alias or `BrowserType` member.

    Raises `ImpersonateError` naming the known profiles when there is no such profile."""
    text = name.value if isinstance(name, Enum) else name
    if not isinstance(text, str):
        raise TypeError(
            "impersonate must be a profile name (str) or a BrowserType, not "
            f"{type(name).__name__}; curl_cffi's Fingerprint objects have no mummer "
            "equivalent (use ja3=, akamai= and extra_fp=)"
        )
    canonical = _native.resolve_profile(text)
    if canonical is None:
        raise ImpersonateError(
            f"Impersonating {text!r} is not supported; known profiles: " + ", ".join(known_names())
        )
    return canonical


class ExtraFpDict(TypedDict, total=False):
    """`ExtraFingerprints` as a dict (curl_cffi accepts either)."""

    tls_min_version: Optional[int]
    tls_grease: Optional[bool]
    tls_permute_extensions: Optional[bool]
    tls_cert_compression: Optional[Literal["zlib", "brotli"]]
    tls_signature_algorithms: Optional[list[str]]
    tls_delegated_credential: str
    tls_record_size_limit: int
    http2_stream_weight: Optional[int]
    http2_stream_exclusive: Optional[int]
    http2_no_priority: bool
    header_order: Optional[str]
    split_cookies: Optional[bool]
    form_boundary: Optional[bool]
    http3_sig_hash_algs: Optional[str]
    http3_tls_extension_order: Optional[str]
    quic_initial_packet_number: Optional[int]


# TLS versions a profile can start at, by curl's number and by wire version (0x0303, 0x0304).
_TLS_MIN_VERSIONS = {
    CurlSslVersion.TLSv1: "TLS1.0",
    CurlSslVersion.TLSv1_0: "TLS1.0",
    CurlSslVersion.TLSv1_1: "TLS1.1",
    CurlSslVersion.TLSv1_2: "TLS1.2",
    CurlSslVersion.TLSv1_3: "TLS1.3",
    0x0301: "TLS1.0",
    0x0302: "TLS1.1",
    0x0303: "TLS1.2",
    0x0304: "TLS1.3",
}

# Fields of curl_cffi's that need HTTP/3, which mummer does not speak.
_HTTP3_ONLY = ("http3_sig_hash_algs", "http3_tls_extension_order", "quic_initial_packet_number")


@dataclass
class ExtraFingerprints:
    """Fingerprint details on top of the impersonated profile (or of ja3=/akamai=), with
    curl_cffi's fields. Unset fields (None, or the 0/"" defaults) keep the profile's value.

    - ``tls_min_version``: `CurlSslVersion` TLSv1_0 to TLSv1_3 (no SSL).
    - ``tls_signature_algorithms``: names as in the profiles (``"ecdsa_secp256r1_sha256"``).
    - ``tls_delegated_credential``: ``":"``-separated signature algorithm names.
    - ``tls_cert_compression``: ``"zlib"``, ``"brotli"`` (or a comma list, ``"zstd"`` too).
    - ``http2_stream_weight`` (1-256) / ``http2_stream_exclusive``: the HEADERS priority.
    - ``header_order``: comma-separated names, the order of both HTTP/2 (lowercased) and
      HTTP/1.1 (as spelled) fields.
    - ``form_boundary``: False for a plain multipart boundary, True for the browser's.
    - ``http2_no_priority`` and the ``http3_*``/``quic_*`` fields have no mummer equivalent:
      setting them raises `ImpersonateError`.
    """

    tls_min_version: Optional[int] = None
    tls_grease: Optional[bool] = None
    tls_permute_extensions: Optional[bool] = None
    tls_cert_compression: Optional[Literal["zlib", "brotli"]] = None
    tls_signature_algorithms: Optional[list[str]] = None
    tls_delegated_credential: str = ""
    tls_record_size_limit: int = 0
    http2_stream_weight: Optional[int] = None
    http2_stream_exclusive: Optional[int] = None
    http2_no_priority: bool = False
    header_order: Optional[str] = None
    split_cookies: Optional[bool] = None
    form_boundary: Optional[bool] = None
    http3_sig_hash_algs: Optional[str] = None
    http3_tls_extension_order: Optional[str] = None
    quic_initial_packet_number: Optional[int] = None

    @classmethod
    def from_dict(cls, values: ExtraFpDict) -> ExtraFingerprints:
        """From curl_cffi's dict form; an unknown key is a TypeError naming it."""
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(values) - known)
        if unknown:
            raise TypeError(f"unknown extra_fp fields: {', '.join(unknown)}")
        return cls(**values)

    def to_toml(self) -> str:
        """The partial profile (``fp_overrides``) these fields make; ``""`` when none is set.

        Raises `ImpersonateError` for a field mummer cannot shape."""
        for name in _HTTP3_ONLY:
            if getattr(self, name) is not None:
                raise ImpersonateError(
                    f"extra_fp.{name} shapes HTTP/3 and QUIC, which mummer does not speak"
                )
        if self.http2_no_priority:
            raise ImpersonateError(
                "extra_fp.http2_no_priority has no equivalent in mummer's profiles yet "
                "(a profile's HEADERS priority can be changed, not removed)"
            )
        tls: dict[str, _Value] = {}
        http2: dict[str, _Value] = {}
        http1: dict[str, _Value] = {}
        top: dict[str, _Value] = {}
        if self.tls_min_version is not None:
            version = _TLS_MIN_VERSIONS.get(self.tls_min_version)
            if version is None:
                raise ImpersonateError(
                    f"extra_fp.tls_min_version={self.tls_min_version}: mummer offers TLS 1.0 "
                    "to 1.3 (CurlSslVersion.TLSv1_0 to TLSv1_3), no SSL"
                )
            tls["min_version"] = version
        if self.tls_grease is not None:
            tls["grease"] = self.tls_grease
            if not self.tls_grease:
                # GREASE in signature_algorithms is part of GREASE: off with it.
                tls["grease_signature_algorithms"] = False
        if self.tls_permute_extensions is not None:
            tls["permute_extensions"] = self.tls_permute_extensions
            if self.tls_permute_extensions:
                # A permuted order replaces a fixed one (Firefox's, Safari's).
                tls["extension_order"] = []
        if self.tls_cert_compression is not None:
            tls["cert_compression"] = _split(self.tls_cert_compression, ",")
        if self.tls_signature_algorithms is not None:
            tls["signature_algorithms"] = list(self.tls_signature_algorithms)
        if self.tls_delegated_credential:
            tls["delegated_credentials"] = _split(self.tls_delegated_credential, ":,")
        if self.tls_record_size_limit:
            tls["record_size_limit"] = self.tls_record_size_limit
        priority: dict[str, _Value] = {}
        if self.http2_stream_weight is not None:
            priority["weight"] = self.http2_stream_weight
        if self.http2_stream_exclusive is not None:
            priority["exclusive"] = bool(self.http2_stream_exclusive)
        if self.split_cookies is not None:
            http2["split_cookies"] = self.split_cookies
        if self.header_order:
            names = _split(self.header_order, ",")
            http2["header_order"] = [n.lower() for n in names]
            http1["header_order"] = names
        if self.form_boundary is False:
            top["form_boundary"] = "plain"
        return _toml(top, {"tls": tls, "http2": http2, "http1": http1}, priority)


_Value = Union[str, bool, int, list[str]]


def _split(text: str, separators: str) -> list[str]:
    for sep in separators[1:]:
        text = text.replace(sep, separators[0])
    return [part.strip() for part in text.split(separators[0]) if part.strip()]


def _toml_value(value: _Value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        # A JSON string is a TOML basic string, but for DEL, which TOML wants escaped.
        return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")
    return "[" + ", ".join(_toml_value(v) for v in value) + "]"


def _toml(
    top: dict[str, _Value], tables: dict[str, dict[str, _Value]], priority: dict[str, _Value]
) -> str:
    lines = [f"{k} = {_toml_value(v)}" for k, v in top.items()]
    for table, values in tables.items():
        if values:
            lines.append(f"[{table}]")
            lines.extend(f"{k} = {_toml_value(v)}" for k, v in values.items())
    if priority:
        # Merged key by key into the profile's own HEADERS priority (every shipped profile
        # has one).
        lines.append("[http2.headers_priority]")
        lines.extend(f"{k} = {_toml_value(v)}" for k, v in priority.items())
    return "\n".join(lines) + "\n" if lines else ""


def fp_overrides(extra_fp: Union[ExtraFingerprints, ExtraFpDict, None]) -> Optional[str]:
    """The engine's ``fp_overrides`` for an ``extra_fp=`` argument, None when it sets nothing."""
    if extra_fp is None:
        return None
    fp = (
        extra_fp
        if isinstance(extra_fp, ExtraFingerprints)
        else ExtraFingerprints.from_dict(extra_fp)
    )
    return fp.to_toml() or None
