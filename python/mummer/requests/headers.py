"""`Headers`: HTTP header fields as an ordered, case-insensitive multi-dict that keeps each
name's spelling, with curl_cffi's (httpx's) interface.

Fields are kept as bytes, in order, with their original names: ``multi_items()`` and ``raw``
give them back as they were set or received; ``headers["content-type"]`` finds
``Content-Type``; repeated fields join with ``", "`` when read as one value (RFC 9110
section 5.3) and stay apart in ``get_list``. A value of None (only ever set by the caller)
means "do not send this field", ``""`` sends it empty.
"""

from __future__ import annotations

from collections.abc import (
    ItemsView,
    Iterable,
    Iterator,
    KeysView,
    Mapping,
    MutableMapping,
    Sequence,
    ValuesView,
)
from typing import Any, Optional, Union

__all__ = ["HeaderTypes", "Headers"]

HeaderTypes = Union[
    "Headers",
    Mapping[str, Optional[str]],
    Mapping[bytes, Optional[bytes]],
    Sequence[tuple[str, str]],
    Sequence[tuple[bytes, bytes]],
    Sequence[Union[str, bytes]],
]

# Shown as "[secure]" by repr: credentials never end up in a log line.
_SENSITIVE = frozenset({b"authorization", b"proxy-authorization", b"cookie", b"set-cookie"})

_Field = tuple[bytes, bytes, Optional[bytes]]  # (name as given, lowercased name, value)


def _name_bytes(name: Union[str, bytes], encoding: Optional[str]) -> bytes:
    if isinstance(name, bytes):
        return name
    return name.encode(encoding or "ascii")


def _value_bytes(value: Union[str, bytes, int, None], encoding: Optional[str]) -> Optional[bytes]:
    if value is None or isinstance(value, bytes):
        return value
    if isinstance(value, int):
        return str(value).encode("ascii")
    if encoding is not None:
        return value.encode(encoding)
    # Header values are latin-1 by tradition (http.client does the same); text beyond it is
    # kept as UTF-8 rather than refused.
    try:
        return value.encode("latin-1")
    except UnicodeEncodeError:
        return value.encode("utf-8")


def _split_line(line: Union[str, bytes]) -> tuple[Union[str, bytes], Union[str, bytes]]:
    if isinstance(line, str):
        name, sep, value = line.partition(":")
        if sep:
            return name, value.strip()
    else:
        bname, bsep, bvalue = line.partition(b":")
        if bsep:
            return bname, bvalue.strip()
    raise ValueError(f"header line {line!r} has no ':'")


class Headers(MutableMapping[str, Optional[str]]):
    """HTTP headers: ordered, case-insensitive, multi-valued, spelling kept.

    Accepts another `Headers`, a mapping (str or bytes), a sequence of (name, value) pairs, or
    a sequence of ``"Name: value"`` lines. `encoding` decodes and encodes the bytes; left
    None, it is found from the fields (ascii, else utf-8, else iso-8859-1)."""

    _encoding: Optional[str]

    def __init__(
        self, headers: Optional[HeaderTypes] = None, encoding: Optional[str] = None
    ) -> None:
        self._fields: list[_Field] = []
        if isinstance(headers, Headers):
            self._fields = list(headers._fields)
            encoding = encoding or headers._encoding
        elif headers:
            self._fields = [
                (key, key.lower(), _value_bytes(value, encoding))
                for key, value in ((_name_bytes(k, encoding), v) for k, v in _pairs(headers))
            ]
        self._encoding = encoding

    @classmethod
    def _from_text_pairs(cls, pairs: Iterable[tuple[str, str]]) -> Headers:
        """Fields that arrived as text (the engine decodes them as UTF-8): encoded back the
        same way, so that they read back exactly."""
        h = cls()
        h._fields = [
            (name.encode("utf-8"), name.lower().encode("utf-8"), value.encode("utf-8"))
            for name, value in pairs
        ]
        return h

    @property
    def encoding(self) -> str:
        """The encoding of names and values: as given, or found from the fields."""
        if self._encoding is None:
            self._encoding = _guess_encoding(self._fields)
        return self._encoding

    @encoding.setter
    def encoding(self, value: str) -> None:
        self._encoding = value

    @property
    def raw(self) -> list[tuple[bytes, Optional[bytes]]]:
        """Every field as (name, value) bytes, names as given, in order."""
        return [(name, value) for name, _, value in self._fields]

    def _text(self, data: bytes) -> str:
        return data.decode(self.encoding)

    def _lookup(self, key: str) -> bytes:
        return key.lower().encode(self.encoding)

    def _joined(self) -> dict[str, str]:
        joined: dict[str, str] = {}
        for _, lower, value in self._fields:
            name = self._text(lower)
            text = "None" if value is None else self._text(value)
            joined[name] = f"{joined[name]}, {text}" if name in joined else text
        return joined

    def keys(self) -> KeysView[str]:
        """The distinct names, lowercased, in first-seen order."""
        return {self._text(lower): None for _, lower, _ in self._fields}.keys()

    def values(self) -> ValuesView[Optional[str]]:
        """One value per distinct name, repeated fields joined with ", "."""
        values: dict[str, Optional[str]] = dict(self._joined())
        return values.values()

    def items(self) -> ItemsView[str, Optional[str]]:
        """(lowercased name, value) per distinct name, repeated fields joined with ", "."""
        items: dict[str, Optional[str]] = dict(self._joined())
        return items.items()

    def multi_items(self) -> list[tuple[str, Optional[str]]]:
        """Every field as (name, value), names as given, repeats kept, in order."""
        return [
            (self._text(name), None if value is None else self._text(value))
            for name, _, value in self._fields
        ]

    def get(self, key: str, default: Any = None) -> Any:
        """The value (repeats joined with ", "), or `default` when absent."""
        try:
            return self[key]
        except KeyError:
            return default

    def get_list(self, key: str, split_commas: bool = False) -> list[Optional[str]]:
        """Every value of the field `key`, in order; `split_commas` splits each at commas."""
        wanted = self._lookup(key)
        values = [
            None if value is None else self._text(value)
            for _, lower, value in self._fields
            if lower == wanted
        ]
        if not split_commas:
            return values
        return [part.strip() for value in values if value is not None for part in value.split(",")]

    def update(self, headers: Optional[HeaderTypes] = None) -> None:  # type: ignore[override]
        """Replaces every field named in `headers` by `headers`' fields of that name (all of
        them: a repeated field stays repeated), and appends the others."""
        other = Headers(headers)
        replaced = {lower for _, lower, _ in other._fields}
        self._fields = [f for f in self._fields if f[1] not in replaced] + other._fields

    def copy(self) -> Headers:
        return Headers(self, encoding=self._encoding)

    def __getitem__(self, key: str) -> Optional[str]:
        """The value of `key`; repeated fields joined with ", " (RFC 9110 section 5.3)."""
        wanted = self._lookup(key)
        found = [value for _, lower, value in self._fields if lower == wanted]
        if not found:
            raise KeyError(key)
        if found == [None]:
            return None
        return ", ".join("None" if v is None else self._text(v) for v in found)

    def __setitem__(self, key: str, value: Optional[str]) -> None:
        """Sets `key` to one field with `value`, where the first field of that name was."""
        encoding = self._encoding or "utf-8"
        name = key.encode(encoding)
        lower = name.lower()
        field = (name, lower, None if value is None else value.encode(encoding))
        fields: list[_Field] = []
        placed = False
        for existing in self._fields:
            if existing[1] != lower:
                fields.append(existing)
            elif not placed:
                fields.append(field)
                placed = True
        if not placed:
            fields.append(field)
        self._fields = fields

    def __delitem__(self, key: str) -> None:
        wanted = self._lookup(key)
        kept = [f for f in self._fields if f[1] != wanted]
        if len(kept) == len(self._fields):
            raise KeyError(key)
        self._fields = kept

    def __contains__(self, key: object) -> bool:
        if not isinstance(key, str):
            return False
        wanted = self._lookup(key)
        return any(lower == wanted for _, lower, _ in self._fields)

    def __iter__(self) -> Iterator[str]:
        return iter(self.keys())

    def __len__(self) -> int:
        """The number of fields (a repeated name counts each time), as curl_cffi's."""
        return len(self._fields)

    def __eq__(self, other: object) -> bool:
        try:
            theirs = Headers(other)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return False
        return _comparable(self._fields) == _comparable(theirs._fields)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        shown = [
            (name, "[secure]" if name.lower().encode(self.encoding) in _SENSITIVE else value)
            for name, value in self.multi_items()
        ]
        as_dict = dict(shown)
        body = repr(as_dict) if len(as_dict) == len(shown) else repr(shown)
        suffix = "" if self.encoding == "ascii" else f", encoding={self.encoding!r}"
        return f"{type(self).__name__}({body}{suffix})"


def _pairs(
    headers: HeaderTypes,
) -> Iterator[tuple[Union[str, bytes], Union[str, bytes, None]]]:
    if isinstance(headers, Mapping):
        yield from headers.items()
        return
    if isinstance(headers, (str, bytes)):
        raise TypeError("headers must be a mapping or a sequence of pairs or lines, not a string")
    for item in headers:
        if isinstance(item, (str, bytes)):
            yield _split_line(item)
        else:
            name, value = item
            yield name, value


def _comparable(fields: list[_Field]) -> list[tuple[bytes, bool, bytes]]:
    return sorted((lower, value is None, value or b"") for _, lower, value in fields)


def _guess_encoding(fields: list[_Field]) -> str:
    for encoding in ("ascii", "utf-8"):
        try:
            for name, _, value in fields:
                name.decode(encoding)
                if value is not None:
                    value.decode(encoding)
        except UnicodeDecodeError:
            continue
        return encoding
    return "iso-8859-1"  # decodes any byte
