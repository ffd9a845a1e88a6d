"""Writing files whole: a temporary file beside the target, then a rename.

An interrupted run (a full disk, Ctrl-C, a crash) never leaves half a file,
and the old file stays as it was until the new one is complete.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

__all__ = ["write_text_atomic"]


def write_text_atomic(path: str | os.PathLike[str], text: str, *, newline: str | None = None) -> None:
    """Write ``text`` as UTF-8 to ``path`` through a temporary file in the same directory.

    Raises :class:`OSError` as ``open()`` would; the target is then unchanged.
    """
    target = Path(path)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent or ".")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline=newline) as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        if target.exists():
            # Keep the permissions the file had; mkstemp creates it readable by its owner only.
            os.chmod(temporary, target.stat().st_mode & 0o7777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
