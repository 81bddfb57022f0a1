"""Bytes → str for text inputs: UTF-8 (with or without BOM), else cp1252, else Latin-1; binary is refused."""

from __future__ import annotations

from flows.extract.records import RejectedInput

# Share of control bytes above which a file is binary, not text in an odd encoding.
_BINARY_CONTROL_SHARE = 0.05
_TEXT_CONTROLS = {9, 10, 12, 13}


def decode_bytes(data: bytes) -> str:
    if not data.strip():
        raise RejectedInput("empty file: it holds no bytes or only white space")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise RejectedInput(f"undecodable: starts with a UTF-16 byte-order mark but is not UTF-16 ({exc.reason})") from exc
    sample = data[:65536]
    controls = sum(1 for b in sample if b < 32 and b not in _TEXT_CONTROLS)
    if b"\x00" in sample or controls > _BINARY_CONTROL_SHARE * len(sample):
        raise RejectedInput(
            "binary content, not text: tried UTF-8, cp1252 and Latin-1 but it holds NUL or control bytes; "
            "save the article as text, HTML or JSONL"
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        # Latin-1 maps every byte, so text that is neither UTF-8 nor cp1252 still loads.
        return data.decode("latin-1")
