"""Who may do what in a workspace: the one rule behind every role check, in the web and the API."""

OWNER, ADMIN, MEMBER, VIEWER = "owner", "admin", "member", "viewer"
# Highest first: each role may do all that the roles below it may.
RANK = {OWNER: 3, ADMIN: 2, MEMBER: 1, VIEWER: 0}
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


def at_least(role: str | None, needed: str) -> bool:
    """Whether `role` is `needed` or above; no role (no membership) is nothing."""
    return role in RANK and RANK[role] >= RANK[needed]


def may_request(role: str | None, method: str) -> bool:
    """Reading is for every member; any write (a POST, PUT, PATCH or DELETE) needs `member` or above."""
    return method.upper() in SAFE_METHODS or at_least(role, MEMBER)
