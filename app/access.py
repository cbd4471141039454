"""Who may do what in a shared chat: roles from configuration, and edits on a chat nobody
signs in to.

With sign-in configured (Streamlit's ``[auth]`` secrets, OpenID Connect), each signed-in
user's role comes from the ``[roles]`` secrets: keys are an e-mail address, ``*@domain``
or ``group:NAME`` (a name in the identity provider's ``groups`` claim), values a role. The
highest role any key grants is the user's; a user no key names has none and is turned away.

- reader: asks, builds and exports briefings, keeps saved work;
- editor: also uploads and removes reports, and reads the audit log;
- admin: also manages the index (the versions other files replaced).

Without sign-in the chat is one person's: on a loopback address it may do everything; served
on any other address, uploads and removals are off unless ``RESULTSQA_ALLOW_EDITS=1``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping

from indexing.errors import UsageError

ROLES = ("reader", "editor", "admin")
LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def rank(role: str | None) -> int:
    return ROLES.index(role) + 1 if role in ROLES else 0


def can_edit(role: str | None) -> bool:
    """Upload and remove reports; read the audit log."""
    return rank(role) >= rank("editor")


def can_manage(role: str | None) -> bool:
    """Restore and forget replaced versions."""
    return rank(role) >= rank("admin")


def check_rules(rules: Mapping[str, object]) -> dict[str, str]:
    """The ``[roles]`` table, checked: every key a usable pattern, every value a role."""
    checked = {}
    for key, role in rules.items():
        pattern = str(key).strip().lower()
        if role not in ROLES:
            raise UsageError(
                f"[roles] gives {key!r} the role {role!r}: use one of {', '.join(ROLES)}"
            )
        if not (pattern.startswith("group:") and len(pattern) > 6) and "@" not in pattern:
            raise UsageError(
                f"[roles] key {key!r} is not an e-mail address, '*@domain' or 'group:NAME'"
            )
        checked[pattern] = str(role)
    return checked


def role_for(email: str | None, groups: Iterable[str], rules: Mapping[str, str]) -> str | None:
    """The highest role the rules give this e-mail address or any of its groups; None when
    none does. Addresses compare without case; a domain rule needs the whole domain."""
    email = (email or "").strip().lower()
    domain = email.rpartition("@")[2] if "@" in email else ""
    keys = {email, f"*@{domain}"} if email else set()
    keys |= {f"group:{str(g).strip().lower()}" for g in groups or ()}
    granted = [role for pattern, role in rules.items() if pattern in keys]
    return max(granted, key=rank, default=None)


def local_role(address: str | None) -> str:
    """The role of the one person using a chat nobody signs in to: everything on a loopback
    address (or when the address is not known: an embedded test or a direct ``streamlit
    run``), reading only elsewhere unless ``RESULTSQA_ALLOW_EDITS=1``."""
    if not address or address in LOOPBACK:
        return "admin"
    allowed = os.environ.get("RESULTSQA_ALLOW_EDITS", "").strip() in ("1", "true", "yes")
    return "admin" if allowed else "reader"
