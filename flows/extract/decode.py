"""Bytes → str for text inputs: UTF-16 (with a byte-order mark, or recognised by its zero bytes), UTF-8 (with or
without BOM), and line by line cp1252 where a line is not UTF-8 (files pasted together from two editors mix them);
binary is refused."""

from __future__ import annotations

from nightdesk.extract.records import RejectedInput

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
            raise RejectedInput(
                f"undecodable: starts with a UTF-16 byte-order mark but is not UTF-16 ({exc.reason})"
            ) from exc
    sample = data[:65536]
    utf16 = _utf16_without_bom(sample)
    if utf16:
        try:
            text = data.decode(utf16)
            if not _mostly_controls([ord(c) for c in text[:32768]]):
                return text
        except UnicodeDecodeError:
            pass  # judged as any other bytes below
    if b"\x00" in sample or _mostly_controls(sample):
        raise RejectedInput(
            "binary content, not text: tried UTF-8, cp1252 and Latin-1 but it holds NUL or control bytes; "
            "save the article as text, HTML or JSONL"
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    return "".join(_decode_line(line) for line in data.removeprefix(b"\xef\xbb\xbf").splitlines(keepends=True))


def _mostly_controls(codes) -> bool:
    """More control characters (bytes or code points) than text in an odd encoding holds: binary content."""
    return sum(1 for c in codes if c < 32 and c not in _TEXT_CONTROLS) > _BINARY_CONTROL_SHARE * len(codes)


def _decode_line(line: bytes) -> str:
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return line.decode("cp1252")
    except UnicodeDecodeError:
        # Latin-1 maps every byte, so a line that is neither UTF-8 nor cp1252 still loads.
        return line.decode("latin-1")


def _utf16_without_bom(sample: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when the bytes look like mostly-Latin text in UTF-16: a zero byte in nearly every
    other position, on one side only."""
    even, odd = sample[0::2], sample[1::2]
    if len(sample) < 4:
        return None
    zero_even, zero_odd = even.count(0) / len(even), odd.count(0) / max(len(odd), 1)
    if zero_odd > 0.7 and zero_even < 0.1:
        return "utf-16-le"
    if zero_even > 0.7 and zero_odd < 0.1:
        return "utf-16-be"
    return None
