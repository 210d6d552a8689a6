"""The one place where apps add what they know to the others, filled at start-up.

Each app's `AppConfig.ready()` imports its hooks and registers them here, so a misspelled name fails
when Django starts, not silently when a page is viewed. Apps lower in the layers call `hooks(kind)`
and never import the apps above them.

Hook kinds and their signatures:

- `person_page_block`: `f(*, request, person) -> str` (rendered HTML, or "")
- `organization_page_block`: `f(*, request, organization) -> str`
- `conversation_page_block`: `f(*, request, conversation) -> str`, shown on a conversation's page
- `message_marks`: `f(*, workspace, message_ids) -> dict[int, dict]`, what an app found in each message (the
  promise it makes: `what`, `url`, `reviewed`), marked on the chat
- `engagement_facts`: `f(*, request, engagement) -> str`, `<dt>`/`<dd>` pairs for the engagement's summary
- `timeline_entries`: `f(*, person, user, limit) -> list[TimelineEntry]`
- `agenda_provider`: `f(*, workspace, user, start, end, today) -> list[AgendaItem]`
- `import_parsers`: `f(subparsers) -> None`, adds `kenal import <source>` sub-commands
- `demo_loader`: `f(*, workspace, user) -> None`, run in registration order (the apps' layer order), so
  later parts find the people the first one made
- `after_import`: `f(*, workspace, messages) -> None`, run after an import wrote messages (promise
  suggestions follow an import this way)
- `conversation_reread`: `f(*, workspace, conversation) -> None`, run when who is "me" in a chat changed and
  its messages' directions with it: apps recompute what they read from them (promise suggestions)
- `after_handover`: `f(*, person, from_user, to_user, include_promises) -> None`, run inside the handover's
  transaction (promises and open engagements follow the person to the new owner this way)
- `client_worth`: `f(*, workspace, people_ids) -> dict[int, Decimal]`, what each client person is worth
  (the work app's fees), shown beside reply times
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager

KINDS = (
    "person_page_block",
    "organization_page_block",
    "conversation_page_block",
    "message_marks",
    "engagement_facts",
    "timeline_entries",
    "agenda_provider",
    "import_parsers",
    "demo_loader",
    "after_import",
    "conversation_reread",
    "client_worth",
    "after_handover",
)

_hooks: dict[str, list[Callable]] = {kind: [] for kind in KINDS}


def _check_kind(kind: str) -> None:
    if kind not in _hooks:
        raise LookupError(f"Unknown hook kind {kind!r}; the kinds are: {', '.join(KINDS)}.")


def register(kind: str, hook: Callable) -> Callable:
    """Add `hook` to `kind`. Registering the same hook twice keeps one (ready() may run again in tests)."""
    _check_kind(kind)
    if not callable(hook):
        raise TypeError(f"A {kind} hook must be callable, not {hook!r}.")
    if hook not in _hooks[kind]:
        _hooks[kind].append(hook)
    return hook


def hooks(kind: str) -> tuple[Callable, ...]:
    """The hooks registered for `kind`, in registration order."""
    _check_kind(kind)
    return tuple(_hooks[kind])


def run(kind: str, **kwargs) -> None:
    """Call every hook of `kind` with the same keyword arguments, in registration order."""
    for hook in hooks(kind):
        hook(**kwargs)


@contextmanager
def replaced(kind: str, new_hooks: list[Callable]) -> Iterator[None]:
    """For tests: `kind` answers `new_hooks` inside the block, and what it had after."""
    _check_kind(kind)
    saved = _hooks[kind]
    _hooks[kind] = list(new_hooks)
    try:
        yield
    finally:
        _hooks[kind] = saved
