"""The user's errors: wrong input, a missing file, a store built otherwise. Front ends
(CLI, UI, HTTP API, MCP) show these as one clear message; anything else is a bug and
keeps its traceback."""
from __future__ import annotations


class UserError(Exception):
    """An error the user can fix; its message names the input, the problem and the fix."""
