"""Files in and out, the one way every command touches them.

In: `open_input` / `read_input_bytes` / `read_input_text` accept only regular files (a device such as
/dev/zero, a FIFO, a socket or a directory is refused, symlinks followed) and bound how much is read, so no
input can make `tm` grow without limit or block forever. Standard input (`-`) is the caller's business.

Out: `atomic_write` writes to a temporary file beside the target and renames it over the target only when
the whole output was written, so a reader, a crash half-way, a full disk or a folder without permission never
leaves a half-written output; such failures become one InputError naming the path and the reason.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, BinaryIO

from tm.errors import InputError

MIB = 1024 * 1024
READ_LIMIT = 256 * MIB
"""The most `tm` reads of a file it holds whole in memory (documents, lists, PO/MO, TBX, glossary tables)."""
STREAM_LIMIT = 16 * 1024 * MIB
"""The most `tm` reads of a file it streams (TMX, XLIFF, CSV/TSV memories), whose size costs time, not memory."""


def describe_limit(limit: int) -> str:
    for unit, name in ((1024 * MIB, "GiB"), (MIB, "MiB"), (1024, "KiB")):
        if limit >= unit and limit % unit == 0:
            return f"{limit // unit} {name}"
    return f"{limit} bytes"


class _Bounded:
    """A binary reader that refuses to go past `limit` bytes (for files that grow while read, or lie in st_size)."""

    def __init__(self, raw: BinaryIO, path: Path, limit: int):
        self._raw, self._path, self._limit, self._read = raw, path, limit, 0
        self.name = str(path)

    def read(self, size: int = -1) -> bytes:
        return self._counted(self._raw.read, size)

    def readline(self, size: int = -1) -> bytes:
        return self._counted(self._raw.readline, size)

    def _counted(self, read, size: int | None) -> bytes:
        room = self._limit + 1 - self._read  # one byte past the limit tells a file at the limit from a larger one
        data = read(room if size is None or size < 0 else min(size, room))
        self._read += len(data)
        if self._read > self._limit:
            raise too_large(self._path, self._limit)
        return data

    def __iter__(self) -> Iterator[bytes]:
        return iter(self.readline, b"")

    def close(self) -> None:
        self._raw.close()

    def __enter__(self) -> _Bounded:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def too_large(path: Path, limit: int) -> InputError:
    return InputError(f"file is larger than tm's limit of {describe_limit(limit)} for this kind of input", path)


def open_input(path: str | Path, limit: int = READ_LIMIT, what: str = "file") -> _Bounded:
    """A regular file opened for binary reading, refusing to read more than `limit` bytes.

    Opened without blocking (a FIFO would otherwise wait forever for a writer) and checked on the open
    descriptor, so what is read is what was checked.
    """
    path = Path(path)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise InputError(f"no such {what}", path) from None
    except IsADirectoryError:
        raise InputError(f"is a directory, not a {what}", path) from None
    except OSError as exc:
        raise InputError(f"cannot read ({exc.strerror or exc})", path) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise InputError(f"is a directory, not a {what}", path)
        if not stat.S_ISREG(info.st_mode):
            raise InputError(f"not a regular file ({_kind(info.st_mode)}): tm reads only files", path)
        if info.st_size > limit:
            raise too_large(path, limit)
        os.set_blocking(fd, True)
        raw = os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise
    return _Bounded(raw, path, limit)


def _kind(mode: int) -> str:
    for test, name in ((stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
                       (stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return name
    return "not a file"


def read_input_bytes(path: str | Path, limit: int = READ_LIMIT, what: str = "file") -> bytes:
    """The whole of a regular file, at most `limit` bytes (else an InputError saying the limit)."""
    try:
        with open_input(path, limit, what) as handle:
            return handle.read()
    except OSError as exc:
        raise InputError(f"cannot read ({exc.strerror or exc})", path) from None


def read_input_text(path: str | Path, limit: int = READ_LIMIT, what: str = "file") -> str:
    """The whole of a regular UTF-8 file (a BOM dropped); a byte that is not UTF-8 is reported by line."""
    data = read_input_bytes(path, limit, what)
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})", path,
                         str(line)) from None


WRITE_ERRORS = {errno.ENOSPC: "the disk is full", errno.EDQUOT: "the disk quota is exceeded",
                errno.EACCES: "permission denied", errno.EPERM: "permission denied",
                errno.EROFS: "read-only file system", errno.EISDIR: "is a directory",
                errno.ENOTDIR: "a part of the path is not a folder", errno.EEXIST: "a part of the path is a file"}


def write_error(path: str | Path, exc: OSError) -> InputError:
    """An OSError met while writing `path`, as one line: the reason in words."""
    reason = WRITE_ERRORS.get(exc.errno, exc.strerror or str(exc))
    if exc.errno in (errno.ENOTDIR, errno.EEXIST):
        blocking = next((parent for parent in Path(path).parents if parent.is_file()), None)
        reason = f"{blocking} is a file, not a folder" if blocking else reason
    return InputError(f"cannot write ({reason})", path)


@contextmanager
def atomic_write(path: str | Path, mode: str = "w", encoding: str | None = "utf-8") -> Iterator[IO]:
    """Write to a temporary file beside `path`, then rename it over `path` only if the block succeeds.

    An OSError of the write itself (no permission, a full disk, a read-only file system, `path` a folder or
    under a file) becomes an InputError naming `path`; the temporary file is removed and an existing `path`
    is left as it was.
    """
    path = Path(path)
    if path.is_dir():
        raise InputError("cannot write (is a directory)", path)
    tmp, in_block = None, False
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, mode, encoding=None if "b" in mode else encoding) as handle:
            in_block = True
            yield handle
            in_block = False
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, _mode_for(path))
        os.replace(tmp, path)
        tmp = None
    except OSError as exc:
        if in_block and exc.filename is not None:
            raise  # another file's problem (an input read inside the block), not this output's
        raise write_error(path, exc) from None
    finally:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)


def _mode_for(path: Path) -> int:
    """Keep an existing file's permissions; a new file gets the usual 0666 less the umask (mkstemp's 0600
    would hide outputs from the rest of a team)."""
    try:
        return path.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
