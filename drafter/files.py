"""Files on disk, safely: atomic writes that respect what is at the path, reads of regular files only, locks.

What drafter does at a path it writes to:
- nothing there: a new file, written through a temporary file and renamed into place;
- a regular file: refused without --force (user outputs); with it, replaced atomically, keeping its mode;
- a symbolic link: the file it points to is written (the link stays a link);
- a file with other hard links: replaced at this path only; the other names keep the previous content,
  so nothing is lost and no half-written file is ever visible under any name;
- anything else (a directory, a device such as /dev/null, a FIFO, a socket): refused, saying what it is.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from drafter.errors import UserError

_KINDS = (
    (stat.S_ISDIR, "一个目录"),
    (stat.S_ISCHR, "一个字符设备文件"),
    (stat.S_ISBLK, "一个块设备文件"),
    (stat.S_ISFIFO, "一个命名管道（FIFO）"),
    (stat.S_ISSOCK, "一个套接字"),
)


def kind_of(mode: int) -> str:
    """What a non-regular file is, in Chinese (一个目录, 一个字符设备文件 …)."""
    return next((name for test, name in _KINDS if test(mode)), "一个特殊文件")


def os_error(error: OSError, path: Path | str, doing: str) -> UserError:
    """An OSError as a UserError that names the path and says what to do."""
    where = error.filename or path
    code = error.errno
    if code in (errno.EACCES, errno.EPERM):
        advice = f"没有权限{doing} {where}。请换一个有写入权限的位置，或检查文件和目录的权限。"
    elif code == errno.EROFS:
        advice = f"无法{doing} {where}：所在的磁盘是只读的。请换一个位置。"
    elif code == errno.ENOSPC or code == getattr(errno, "EDQUOT", -1):
        advice = f"无法{doing} {where}：磁盘空间已满。请清理磁盘或换一个位置后重试，原有文件没有改动。"
    elif code == errno.ENAMETOOLONG:
        advice = f"无法{doing} {where}：文件名太长。请用 -o 指定一个短一些的文件名。"
    elif code == errno.ENOTDIR or (code == errno.EEXIST and doing.startswith("创建")):
        advice = f"无法{doing} {where}：路径中的某一级是文件而不是目录。请检查路径。"
    elif code == errno.ENOENT:
        advice = f"无法{doing} {where}：路径不存在。请检查路径是否正确。"
    elif code == errno.EISDIR:
        advice = f"无法{doing} {where}：它是一个目录。请指定一个文件。"
    else:
        advice = f"无法{doing} {where}（{error.strerror or error}）。请检查该路径后重试。"
    return UserError(advice, path=str(where))


# --- reading -------------------------------------------------------------------


def require_regular_file(path: Path) -> os.stat_result:
    """Stat a file that is to be read; refuse a FIFO, a device or a directory (reading one could block forever)."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise UserError(f"找不到文件 {path}。请检查路径是否正确。", path=path) from None
    except OSError as error:
        raise os_error(error, path, "读取") from None
    if not stat.S_ISREG(info.st_mode):
        raise UserError(
            f"{path} 是{kind_of(info.st_mode)}，不是普通文件，drafter 不读取它。请指定一个文件。", path=path
        )
    return info


def read_bytes(path: Path, limit: int | None = None) -> bytes:
    """The bytes of a regular file; OS errors become messages that name the file. With `limit`, a file larger
    than that is read no further than limit + 1 bytes, so the caller can refuse it without reading it all."""
    info = require_regular_file(path)
    try:
        if limit is None or info.st_size <= limit:
            return path.read_bytes()
        with path.open("rb") as stream:
            return stream.read(limit + 1)
    except OSError as error:
        raise os_error(error, path, "读取") from None


# --- writing -------------------------------------------------------------------


def write_target(path: Path) -> tuple[Path, os.stat_result | None]:
    """Where writing `path` really goes (through symlinks), and what is there now; refuse non-regular files."""
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    try:
        info = target.stat()
    except FileNotFoundError:
        return target, None
    except NotADirectoryError as error:
        raise os_error(error, target, "写入") from None
    except OSError as error:
        raise os_error(error, target, "写入") from None
    if not stat.S_ISREG(info.st_mode):
        raise UserError(
            f"{path} 是{kind_of(info.st_mode)}，不是普通文件，drafter 不会写入或替换它。请用 -o 指定一个文件名。",
            path=path,
        )
    return target, info


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write through a temporary file in the same directory, then rename it into place (see the module note)."""
    target, existing = write_target(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise os_error(error, target.parent, "创建目录") from None
    try:
        # A short temporary name: a 250-byte target name plus a suffix would exceed the file system's limit.
        handle, temporary = tempfile.mkstemp(prefix=".drafter-", suffix=".tmp", dir=target.parent)
    except OSError as error:
        raise os_error(_unnamed(error), target, "写入") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data.encode("utf-8") if isinstance(data, str) else data)
        _give_mode(temporary, existing)
        os.replace(temporary, target)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise os_error(_unnamed(error), target, "写入") from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _unnamed(error: OSError) -> OSError:
    """The error without the temporary file's name: a message names the file the user asked for."""
    return OSError(error.errno, error.strerror)


def _give_mode(temporary: str, existing: os.stat_result | None) -> None:
    """The replaced file's mode (and owner, where allowed); a new file gets what the umask gives (mkstemp makes 0600)."""
    if existing is not None:
        os.chmod(temporary, stat.S_IMODE(existing.st_mode))
        if hasattr(os, "chown"):
            # Only root may give a file away; the mode is what matters.
            with contextlib.suppress(OSError):
                os.chown(temporary, existing.st_uid, existing.st_gid)
        return
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(temporary, 0o666 & ~umask)


def write_output(path: Path, data: str | bytes, *, force: bool) -> None:
    """Write a user-facing output file atomically; never replace an existing one without --force."""
    if path.is_dir():
        raise UserError(f"{path} 是一个目录，不能写成文件。请用 -o 指定文件名。", path=path)
    if (path.exists() or path.is_symlink()) and not force:
        raise UserError(f"文件 {path} 已经存在，没有覆盖。如确需覆盖，请加 --force；或用 -o 换一个文件名。", path=path)
    write_atomic(path, data)


# --- locking -------------------------------------------------------------------

LOCK_SECONDS = 120


@contextmanager
def locked(path: Path, what: str) -> Iterator[None]:
    """Hold an exclusive lock on `path` (a lock file beside the data) for a read-modify-write."""
    from filelock import FileLock, Timeout

    lock = FileLock(str(path), timeout=LOCK_SECONDS)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        lock.acquire()
    except Timeout:
        raise UserError(
            f"{what}正被另一个 drafter 进程使用（锁文件 {path}），等了 {LOCK_SECONDS} 秒仍未释放。"
            "请等那个进程结束后重试。",
            path=path,
        ) from None
    except OSError as error:
        raise os_error(error, path, "锁定") from None
    try:
        yield
    finally:
        lock.release()
