"""Regular expressions compiled on first use, not at import: a command pays only for the patterns it uses.

Compiling drafter's module-level patterns took a fifth of a cold start (the conventions of the genre are long
verbose patterns); most commands use a few of them.
"""

from __future__ import annotations

import re
from typing import Any, AnyStr, cast

# What a compiled pattern is asked for most; once compiled, these are the pattern's own bound methods, kept on the
# proxy, so a call costs what a call on the compiled pattern does.
_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split")


class _LazyPattern:
    """Stands for re.compile(pattern, flags) and compiles it the first time anything but its source is asked for."""

    def __init__(self, pattern: str | bytes, flags: int) -> None:
        self.pattern = pattern
        self._flags = flags

    def _compiled(self) -> re.Pattern[Any]:
        """The compiled pattern (compiled now if it was not yet)."""
        compiled = self.__dict__.get("_pattern")
        if compiled is None:
            compiled = re.compile(self.pattern, self._flags)
            self.__dict__["_pattern"] = compiled
            for name in _METHODS:
                self.__dict__[name] = getattr(compiled, name)
        return compiled

    def __getattr__(self, name: str) -> Any:
        """Anything not yet on the proxy: compile, then ask the compiled pattern."""
        if name.startswith("__") or name in ("_pattern", "_flags"):
            raise AttributeError(name)
        return getattr(self._compiled(), name)

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled as the pattern it stands for (a process pool sends it as source and flags)."""
        return (re.compile, (self.pattern, self._flags))

    def __repr__(self) -> str:
        return repr(self._compiled())


def lazy_compile(pattern: AnyStr, flags: int = 0) -> re.Pattern[AnyStr]:
    """re.compile(pattern, flags), done the first time the pattern is used (its `.pattern` is there at once)."""
    return cast("re.Pattern[AnyStr]", _LazyPattern(pattern, flags))
