"""Profile names come from the engine's profiles; ExtraFingerprints becomes fp_overrides TOML."""

from __future__ import annotations

import sys
import typing

import pytest

from mummer import _native
from mummer.const import CurlSslVersion
from mummer.requests import BrowserType, BrowserTypeLiteral, ExtraFingerprints
from mummer.requests.exceptions import ImpersonateError
from mummer.requests.impersonate import fp_overrides, known_names, resolve_profile

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    tomllib = pytest.importorskip("tomli")


def test_names_are_the_engines_profiles_and_aliases() -> None:
    names = known_names()
    for name, aliases, _browser, _version in _native.profiles():
        assert name in names
        assert set(aliases) <= set(names)
    assert set(typing.get_args(BrowserTypeLiteral)) == set(names)
    assert {m.value for m in BrowserType} == set(names)
    assert BrowserType.chrome.value == "chrome"
    assert isinstance(BrowserType.chrome, str)


def test_aliases_resolve_to_the_canonical_profile() -> None:
    chrome = resolve_profile("chrome")
    assert chrome == _native.resolve_profile("chrome")
    assert resolve_profile(BrowserType.chrome) == chrome
    assert resolve_profile("firefox") == _native.resolve_profile("firefox")


def test_unknown_profiles_name_the_known_ones() -> None:
    with pytest.raises(ImpersonateError) as caught:
        resolve_profile("netscape4")
    assert "netscape4" in str(caught.value)
    assert "chrome" in str(caught.value)
    with pytest.raises(TypeError, match="Fingerprint"):
        resolve_profile(object())  # type: ignore[arg-type]


def parsed(fp: ExtraFingerprints) -> dict[str, typing.Any]:
    return tomllib.loads(fp.to_toml())


def test_nothing_set_is_no_override() -> None:
    assert ExtraFingerprints().to_toml() == ""
    assert fp_overrides(None) is None
    assert fp_overrides(ExtraFingerprints()) is None


def test_tls_fields() -> None:
    fp = ExtraFingerprints(
        tls_min_version=CurlSslVersion.TLSv1_3,
        tls_grease=False,
        tls_permute_extensions=True,
        tls_cert_compression="zlib",
        tls_signature_algorithms=["ecdsa_secp256r1_sha256", "rsa_pss_rsae_sha256"],
        tls_delegated_credential="ecdsa_secp256r1_sha256:ecdsa_secp384r1_sha384",
        tls_record_size_limit=4001,
    )
    assert parsed(fp) == {
        "tls": {
            "min_version": "TLS1.3",
            "grease": False,
            "grease_signature_algorithms": False,
            "permute_extensions": True,
            "extension_order": [],
            "cert_compression": ["zlib"],
            "signature_algorithms": ["ecdsa_secp256r1_sha256", "rsa_pss_rsae_sha256"],
            "delegated_credentials": ["ecdsa_secp256r1_sha256", "ecdsa_secp384r1_sha384"],
            "record_size_limit": 4001,
        }
    }


def test_http2_header_order_and_boundary_fields() -> None:
    fp = ExtraFingerprints(
        http2_stream_weight=220,
        http2_stream_exclusive=0,
        header_order="Host,User-Agent,accept",
        split_cookies=False,
        form_boundary=False,
    )
    assert parsed(fp) == {
        "form_boundary": "plain",
        "http2": {
            "split_cookies": False,
            "header_order": ["host", "user-agent", "accept"],
            "headers_priority": {"weight": 220, "exclusive": False},
        },
        "http1": {"header_order": ["Host", "User-Agent", "accept"]},
    }
    # True keeps the profile's own browser-style boundary.
    assert ExtraFingerprints(form_boundary=True).to_toml() == ""


def test_strings_are_escaped_for_toml() -> None:
    toml = ExtraFingerprints(tls_signature_algorithms=['we"ird\\', "\x7f"]).to_toml()
    assert tomllib.loads(toml)["tls"]["signature_algorithms"] == ['we"ird\\', "\x7f"]


@pytest.mark.parametrize(
    "field", ["http3_sig_hash_algs", "http3_tls_extension_order", "quic_initial_packet_number"]
)
def test_http3_fields_are_refused(field: str) -> None:
    fp = ExtraFingerprints(**{field: 1 if field.startswith("quic") else "x"})  # type: ignore[arg-type]
    with pytest.raises(ImpersonateError, match="HTTP/3"):
        fp.to_toml()


def test_fields_without_an_equivalent_are_refused() -> None:
    with pytest.raises(ImpersonateError, match="http2_no_priority"):
        ExtraFingerprints(http2_no_priority=True).to_toml()
    with pytest.raises(ImpersonateError, match=r"no SSL"):
        ExtraFingerprints(tls_min_version=CurlSslVersion.SSLv3).to_toml()
    assert (
        'min_version = "TLS1.1"'
        in ExtraFingerprints(tls_min_version=CurlSslVersion.TLSv1_1).to_toml()
    )


def test_dict_form() -> None:
    assert fp_overrides({"tls_grease": True}) == "[tls]\ngrease = true\n"
    with pytest.raises(TypeError, match="tls_greese"):
        fp_overrides({"tls_greese": True})  # type: ignore[typeddict-unknown-key]
