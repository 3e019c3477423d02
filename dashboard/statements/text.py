"""A text given to `bilateral verify` or the text box, checked before any pattern runs: size, binary, markup."""

from __future__ import annotations

import re

from dashboard.ingest.bytescan import BINARY_SHARE, HEAD_BYTES, SIGNATURES, TEXT_CONTROLS
from dashboard.ingest.source import InputFile, refuse

MAX_TEXT_BYTES = 100 * 1024  # 100 kB: a long article; longer texts are split by the user
MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z][\w:-]*(?:\s[^<>]*)?/?\s*>|<!--|<!\[CDATA\[|&lt;\s*/?\s*[a-zA-Z]")


def read_text(file: InputFile) -> str:
    """The text of a file or paste as a string; InputError (file, line, character, what to do) when it is too
    large, empty, binary, not UTF-8 or holds markup."""
    size = file.size
    if size > MAX_TEXT_BYTES:
        raise refuse(
            file.name,
            "text size",
            f"the text is {size:,} bytes; the limit is {MAX_TEXT_BYTES:,} bytes (100 kB): check it in parts",
        )
    data = file.read_bytes()
    if not data.strip():
        raise refuse(file.name, "empty text", "the text is empty: nothing to check")
    for signature, what in SIGNATURES:
        if data.startswith(signature):
            raise refuse(file.name, "file type", f"this is {what}, not plain text")
    nul = data.find(b"\x00")
    head = data[:HEAD_BYTES]
    controls = sum(1 for byte in head if (byte < 32 and byte not in TEXT_CONTROLS) or byte == 127)
    if nul >= 0 or controls / len(head) > BINARY_SHARE:
        line = data.count(b"\n", 0, nul) + 1 if nul >= 0 else None
        raise refuse(file.name, "file type", "binary data, not text: give a plain-text file (UTF-8)", line)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - data.rfind(b"\n", 0, error.start)
        raise refuse(
            file.name,
            "encoding",
            f"byte 0x{data[error.start]:02X} is not UTF-8: save the text as UTF-8",
            line,
            f"character {column}",
        ) from None
    markup = MARKUP.search(text)
    if markup:
        line = text.count("\n", 0, markup.start()) + 1
        raise refuse(
            file.name,
            "markup",
            f"the text holds markup ({markup.group(0)[:40]!r}): paste plain text; markup is never rendered",
            line,
            f"character {markup.start() - text.rfind(chr(10), 0, markup.start())}",
        )
    return text
