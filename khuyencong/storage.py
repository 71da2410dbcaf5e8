"""Files wherever they live: a local folder, or any fsspec URL (``s3://bucket/prefix``).

The inbox, the archive and the lake may sit in object storage, so every file operation they
need goes through here, addressed by a location: a local path (kept as a plain path, as users
type it) or a URL. Object storage is configured the way its clients expect: for S3-compatible
storage, ``AWS_ENDPOINT_URL``, ``AWS_ACCESS_KEY_ID`` and ``AWS_SECRET_ACCESS_KEY``.

Writes are atomic for readers: a local file is written beside its target and ``os.replace``d
over it; an object store publishes an object only once its upload completes, so a plain write
already shows readers either the old object or the new one.
"""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import stat as stat_module
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path, PurePosixPath
from typing import IO

import fsspec
from fsspec import AbstractFileSystem
from fsspec.implementations.local import LocalFileSystem

Location = str | os.PathLike[str]  # a local path or a URL


def is_remote(location: Location) -> bool:
    return "://" in os.fspath(location)


def absolute(location: Location) -> str:
    """A URL as it is; a local path made absolute (a deployment runs from another folder).

    Symbolic links are kept, as fsspec keeps them in the paths it lists, so that a listed file
    is still found inside its folder.
    """
    text = os.fspath(location)
    return text if is_remote(text) else os.path.abspath(os.path.expanduser(text))


def join(location: Location, *parts: str) -> str:
    text = os.fspath(location)
    if is_remote(text):
        return "/".join([text.rstrip("/"), *parts])
    return str(Path(text, *parts))


_LOCAL = LocalFileSystem()  # fsspec's one instance: LocalFileSystem() always returns it


def filesystem(location: Location) -> tuple[AbstractFileSystem, str]:
    """The file system holding ``location`` and the path within it.

    fsspec keeps one client per store and caches its listings; another process may have
    changed the store since (a clerk's upload, another run), so the cache is dropped first.
    A local path (no protocol, no chain) is the local file system's, which caches nothing:
    told without ``url_to_fs`` (37 µs a call, several calls a file in each stage of a run).
    """
    text = os.fspath(location)
    if "://" not in text and "::" not in text:
        return _LOCAL, _LOCAL._strip_protocol(text)
    fs, path = fsspec.core.url_to_fs(text)
    fs.invalidate_cache()
    return fs, path


def name_of(location: Location) -> str:
    return PurePosixPath(os.fspath(location).replace("\\", "/")).name


NAME_BYTES = 255  # the longest file name ext4, XFS, NTFS and S3 keys' segments all take


def fitting_name(name: str, room: int = 32) -> str:
    """``name``, or a shortened one, leaving ``room`` bytes for what is added to it
    (``.findings.json``, a temporary suffix) within the file system's 255 bytes.

    A clerk's 250-byte name is kept whole in the marts; on disk its stem is cut (at a
    character, not inside one) and a hash of the whole name keeps two long names apart.
    """
    if len(name.encode()) + room <= NAME_BYTES:
        return name
    suffix = PurePosixPath(name).suffix[:16]
    tag = "~" + hashlib.sha1(name.encode()).hexdigest()[:8]
    budget = NAME_BYTES - room - len(suffix.encode()) - len(tag)
    stem = name[: len(name) - len(suffix)].encode()[:budget].decode(errors="ignore")
    return f"{stem}{tag}{suffix}"


def exists(location: Location) -> bool:
    """Whether a file (or folder) is there; a link counts only if it leads somewhere.

    A local path is asked of the OS directly: what fsspec's local ``exists`` answers, without
    the ``info`` dict it builds first (a twentieth of the cost; several calls a file in
    archiving and tidying the inbox).
    """
    return _exists(*filesystem(location))


def _exists(fs: AbstractFileSystem, path: str) -> bool:
    return os.path.exists(path) if fs is _LOCAL else bool(fs.exists(path))


def is_inside(location: Location, folder: Location) -> bool:
    inner, outer = os.fspath(location), os.fspath(folder).rstrip("/")
    if is_remote(inner) != is_remote(outer):
        return False
    if is_remote(inner):
        return inner.startswith(outer + "/")
    return Path(inner).is_relative_to(outer)


def relative_to(location: Location, folder: Location) -> str:
    """The "/"-separated path of ``location`` under ``folder``, which holds it."""
    inner, outer = os.fspath(location), os.fspath(folder).rstrip("/")
    if is_remote(inner):
        return inner[len(outer) :].lstrip("/")
    return Path(inner).relative_to(outer).as_posix()


@dataclass(frozen=True)
class StoredFile:
    """A file as a listing shows it: enough to find it again and to see whether it changed."""

    location: str
    relative: str  # its path under the folder listed, "/"-separated
    size: int
    modified: datetime
    version: str  # what changes when its content does: the mtime, or an object's ETag


def _stored(fs: AbstractFileSystem, path: str, root: str, info: dict[str, object]) -> StoredFile:
    local = isinstance(fs, LocalFileSystem)
    mtime = info.get("mtime")
    if isinstance(info.get("LastModified"), datetime):
        modified = info["LastModified"]
    elif isinstance(mtime, int | float):
        modified = datetime.fromtimestamp(mtime, tz=UTC)
    else:
        modified = fs.modified(path)
    assert isinstance(modified, datetime)
    return StoredFile(
        location=path if local else fs.unstrip_protocol(path),
        relative=path[len(root) :].lstrip("/") if path.startswith(root) else name_of(path),
        size=int(str(info["size"])),
        modified=modified,
        version=str(info.get("ETag") or mtime or modified.isoformat()),
    )


def stat(location: Location) -> StoredFile:
    fs, path = filesystem(location)
    return _stored(fs, path, path, fs.info(path))


@dataclass(frozen=True)
class OddEntry:
    """What a folder holds besides regular files and folders: a symbolic link, never followed,
    or a special file (a named pipe, a socket, a device), which reading could block on."""

    location: str
    relative: str
    kind: str  # "link" or "special"
    # a link's target, resolved: "/"-separated under the folder listed when it is inside it,
    # else absolute; "" for a link leading nowhere
    target: str = ""
    target_inside: bool = False


def _odd(path: str, relative: str, root: str, info: dict[str, object]) -> OddEntry:
    if not info.get("islink"):
        return OddEntry(path, relative, "special")
    if not os.path.exists(path):
        return OddEntry(path, relative, "link")
    target, real_root = Path(os.path.realpath(path)), Path(os.path.realpath(root))
    if target.is_relative_to(real_root):
        return OddEntry(path, relative, "link", target.relative_to(real_root).as_posix(), True)
    return OddEntry(path, relative, "link", str(target))


def entries(folder: Location) -> list[StoredFile | OddEntry]:
    """Everything under ``folder`` but folders, recursively, in a stable order (none if it is
    missing): regular files, and links and special files as ``OddEntry``.

    A link is listed, not followed (fsspec's local listing does not descend into a linked
    folder either); object stores hold only files.
    """
    fs, root = filesystem(folder)
    if not fs.exists(root):
        return []
    root = root.rstrip("/")
    found: list[StoredFile | OddEntry] = []
    for path, info in sorted(fs.find(root, detail=True).items()):
        if info.get("islink") or info.get("type") not in ("file", "directory"):
            found.append(_odd(path, path[len(root) :].lstrip("/"), root, info))
        elif info["type"] == "file":
            found.append(_stored(fs, path, root, info))
    return found


def listing(folder: Location) -> list[StoredFile]:
    """Every regular file under ``folder``, recursively, in a stable order (none if it is
    missing); links and special files are left out (``entries`` lists them)."""
    return [found for found in entries(folder) if isinstance(found, StoredFile)]


class NotARegularFile(OSError):
    """A file that turned into a link, a pipe or a device since it was listed."""


def open_binary(location: Location, follow_links: bool = True) -> IO[bytes]:
    """The file, opened for reading.

    With ``follow_links=False`` (what the inbox is read with), a local file that is a link or
    not a regular file raises ``NotARegularFile`` instead, even if it was swapped for one since
    it was listed: the inbox is never read through a link, nor blocked on by a named pipe.
    """
    fs, path = filesystem(location)
    if follow_links or not isinstance(fs, LocalFileSystem):
        stream: IO[bytes] = fs.open(path, "rb")
        return stream
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise NotARegularFile(errno.ELOOP, "a link, not a file", path) from error
        raise
    if not stat_module.S_ISREG(os.fstat(descriptor).st_mode):
        os.close(descriptor)
        raise NotARegularFile(errno.EINVAL, "not a regular file", path)
    return os.fdopen(descriptor, "rb")


def write_atomically(location: Location, write: Callable[[IO[bytes]], object]) -> None:
    """Write a file with ``write(stream)`` so that readers see the old file or the new one.

    Locally the file is written beside its target and moved over it. In object storage it is
    written to memory and uploaded in one request, so a writer that fails uploads nothing.
    """
    fs, path = filesystem(location)
    if isinstance(fs, LocalFileSystem):
        target = Path(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        # not ".<name>.tmp": a name near the file system's 255 bytes would be too long for it
        temporary = target.with_name(
            f".{hashlib.sha1(target.name.encode()).hexdigest()[:16]}.{os.getpid()}.tmp"
        )
        try:
            with temporary.open("wb") as stream:
                write(stream)
            os.replace(temporary, target)
        finally:
            temporary.unlink(missing_ok=True)
    else:
        buffer = BytesIO()
        write(buffer)
        fs.pipe_file(path, buffer.getvalue())


def copy(source: Location, target: Location) -> None:
    """Copy a file, between file systems too (an S3 inbox into a local quarantine, say)."""
    with open_binary(source) as stream:
        write_atomically(target, lambda out: shutil.copyfileobj(stream, out, 1 << 20))


def remove(location: Location) -> None:
    fs, path = filesystem(location)
    if _exists(fs, path):
        fs.rm_file(path)


@contextmanager
def local_file(location: Location) -> Iterator[Path]:
    """The file as a local path: itself, or a temporary download keeping its name.

    Spreadsheet readers want a real file (calamine, xlrd and the zip scans seek in it).
    """
    if not is_remote(location):
        yield Path(location)
        return
    with tempfile.TemporaryDirectory(prefix="khuyencong-") as folder:
        target = Path(folder) / name_of(location)
        copy(location, target)
        yield target
