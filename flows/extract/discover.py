"""Walk the inputs a user names and turn every file into articles or rejections (nothing is skipped silently)."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from flows.extract.decode import decode_bytes
from flows.extract.feeds import read_feed
from flows.extract.html import extract_html
from flows.extract.records import Article, RejectedInput, Rejection, make_article
from flows.extract.records_file import read_records
from flows.extract.warc import read_warc
from flows.errors import NightdeskError
from flows.settings import SettingError, whole_number

TEXT_SUFFIXES = {".txt", ".md"}
HTML_SUFFIXES = {".html", ".htm"}
RECORD_SUFFIXES = {".jsonl", ".json"}
FEED_SUFFIXES = {".xml", ".rss", ".atom"}
WARC_SUFFIXES = {".warc", ".warc.gz"}
SIDECAR_SUFFIX = ".meta.json"
DEFAULT_MAX_INPUT_BYTES = 200 * 1024 * 1024


def max_input_bytes() -> int:
    return whole_number("NIGHTDESK_MAX_INPUT_BYTES", DEFAULT_MAX_INPUT_BYTES)


@dataclass
class Extracted:
    articles: list[Article] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)
    empty_inputs: list[str] = field(default_factory=list)  # folders holding no file at all (a warning, not a failure)


def _suffix(path: Path) -> str:
    name = path.name.lower()
    for compound in (".warc.gz", SIDECAR_SUFFIX):
        if name.endswith(compound):
            return compound
    return path.suffix.lower()


def _walk(root: Path) -> Iterator[Path | Rejection]:
    """Every file under root, sorted; a folder that cannot be listed is a rejection (os.walk would skip it)."""
    if root.is_file():
        yield root
        return
    unreadable: list[OSError] = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False, onerror=unreadable.append):
        yield from _folder_rejections(unreadable)
        dirnames.sort()
        for name in sorted(filenames):
            yield Path(dirpath) / name
        # A linked folder is walked only when it stays inside the input (checked per file below).
        for d in dirnames:
            if (Path(dirpath) / d).is_symlink():
                yield Path(dirpath) / d
    yield from _folder_rejections(unreadable)


def _folder_rejections(errors: list[OSError]) -> Iterator[Rejection]:
    while errors:
        exc = errors.pop(0)
        yield Rejection(str(exc.filename), f"cannot read the folder: {exc.strerror or exc}; its files were not loaded")


class InputUnavailable(NightdeskError):
    pass


def check_inputs(inputs: Iterable[Path]) -> None:
    """Fail the run before anything changes when an input given by name is missing or unreadable: a mistyped or
    unmounted path must not look like a quiet night. Files inside a readable folder are judged one by one later."""
    for root in inputs:
        if not root.exists():
            what = "is a link to nothing" if root.is_symlink() else "does not exist"
            raise InputUnavailable(f"input {root} {what}; check the path (is the drive or share mounted?)")
        try:
            if root.is_dir():
                with os.scandir(root):
                    pass
            elif not root.is_file():  # reading a FIFO or a device would wait for a writer, or never end
                raise InputUnavailable(f"input {root} is not a file or a folder (a named pipe, socket or device)")
            else:
                os.close(os.open(root, os.O_RDONLY))
        except OSError as exc:
            raise InputUnavailable(f"input {root} cannot be read: {exc.strerror or exc}") from None


def _read_sidecar(path: Path) -> dict:
    sidecar = path.with_name(path.name[: -len(path.suffix)] + SIDECAR_SUFFIX)
    if not sidecar.exists():
        return {}
    try:
        meta = json.loads(decode_bytes(sidecar.read_bytes()))
    except json.JSONDecodeError as exc:
        raise RejectedInput(f"sidecar {sidecar.name} is not valid JSON: {exc.msg} on line {exc.lineno}") from exc
    if not isinstance(meta, dict):
        raise RejectedInput(f"sidecar {sidecar.name} must hold one JSON object")
    meta.pop("text", None)
    meta.pop("html", None)
    return meta


def read_file(path: Path, root: Path) -> Iterator[Article | Rejection]:
    """All articles and rejections of one input file."""
    uri = str(path)
    suffix = _suffix(path)
    try:
        resolved = path.resolve()
        root_resolved = root.resolve()
        if path.is_symlink() and root.is_dir() and not resolved.is_relative_to(root_resolved):
            raise RejectedInput(f"link leads outside the input folder (to {resolved}); copy the file in instead")
        if resolved.is_dir():
            for inner in _walk(resolved):
                if isinstance(inner, Rejection):
                    yield inner
                else:
                    yield from read_file(inner, resolved)
            return
        if suffix not in TEXT_SUFFIXES | HTML_SUFFIXES | RECORD_SUFFIXES | FEED_SUFFIXES | WARC_SUFFIXES:
            raise RejectedInput(
                f"unsupported file type {suffix or '(no extension)'}: use .txt, .md, .html, .htm, .jsonl, .json, "
                ".xml, .rss, .atom, .warc or .warc.gz"
            )
        size = resolved.stat().st_size
        limit = max_input_bytes()
        if size > limit:
            raise RejectedInput(f"file is {size} bytes, over the {limit}-byte limit (raise NIGHTDESK_MAX_INPUT_BYTES to take it)")
        if suffix in WARC_SUFFIXES:
            yield from read_warc(resolved, uri)
            return
        if suffix in FEED_SUFFIXES:
            data = resolved.read_bytes()
            if not data.strip():
                raise RejectedInput("empty file: it holds no bytes or only white space")
            yield from read_feed(data, uri)
            return
        content = decode_bytes(resolved.read_bytes())
        if suffix in RECORD_SUFFIXES:
            yield from read_records(content, uri, allow_document=suffix == ".json")
            return
        source_id = path.relative_to(root).as_posix() if root.is_dir() else path.name
        meta = _read_sidecar(path)
        if suffix in HTML_SUFFIXES:
            content, page_meta = extract_html(content, url=meta.get("url"))
            meta = {**page_meta, **{k: v for k, v in meta.items() if v not in (None, "")}}
        yield make_article(meta, content, uri, default_source_id=source_id)
    except RejectedInput as exc:
        yield Rejection(uri, str(exc))
    except SettingError:
        raise  # the setting is wrong, not the input: the run fails and says which one
    except OSError as exc:
        yield Rejection(uri, f"cannot read the file: {exc.strerror or exc}")
    except Exception as exc:  # an input no rule foresaw must not stop the others
        yield Rejection(uri, f"input could not be read ({type(exc).__name__}: {exc})")


def extract_inputs(inputs: Iterable[Path]) -> Extracted:
    """Read every input; one article per id (a later duplicate is rejected, naming the first).

    Raises InputUnavailable when an input itself is missing or unreadable (see check_inputs)."""
    inputs = list(inputs)
    check_inputs(inputs)
    result = Extracted()
    seen: dict[str, str] = {}
    for root in inputs:
        files = [root] if not root.is_dir() else list(_walk(root))
        if not files:
            result.empty_inputs.append(str(root))
        for path in files:
            if isinstance(path, Rejection):
                result.rejections.append(path)
                continue
            if _suffix(path) == SIDECAR_SUFFIX:
                continue  # read together with the article it describes
            for item in read_file(path, root):
                if isinstance(item, Rejection):
                    result.rejections.append(item)
                elif item.article_id in seen:
                    result.rejections.append(
                        Rejection(item.source_uri, f"duplicate article (same id as {seen[item.article_id]}); the first one was kept")
                    )
                else:
                    seen[item.article_id] = item.source_uri
                    result.articles.append(item)
    return result
