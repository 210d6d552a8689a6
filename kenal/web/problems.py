"""What the readers of user files (chat exports, vCards) report, in the reader's language.

The parsers in kenal/lib are free of Django and write their findings in English; they are stored that way
(in import reports) and translated here when shown. A message no pattern knows is shown as it is.
"""

import re

from django.utils.translation import gettext_lazy as _

# (pattern over the English message, its translation with the pattern's named groups)
PATTERNS = [
    (r"no WhatsApp message header found in the file", _("no WhatsApp message header was found in the file")),
    (
        r"continuation of the malformed header on line (?P<line>\d+)",
        _("continues the unreadable message header on line %(line)s"),
    ),
    (r"text before the first message header", _("text before the first message")),
    (
        r"header with an impossible date or time: (?P<value>.+)",
        _("a message header with an impossible date or time: %(value)s"),
    ),
    (
        r"looks like a message header but cannot be read: (?P<value>.+)",
        _("looks like the start of a message, but its date or time cannot be read: %(value)s"),
    ),
    (
        r"more than (?P<count>[\d,]+) senders: the rest are not listed",
        _("more than %(count)s senders: the rest are not listed"),
    ),
    (r"the import was interrupted before it finished", _("the import was interrupted before it finished")),
    (
        r"the import needed more than (?P<limit>[\d,.]+) MB of memory and was stopped",
        _("the import needed more than %(limit)s MB of memory and was stopped"),
    ),
    (
        r"the import process stopped unexpectedly \((?P<how>.*)\)",
        _("the import stopped unexpectedly (%(how)s)"),
    ),
    (r"message (?P<index>\d+) is not a JSON object", _("message %(index)s is not a JSON object")),
    (
        r"message (?P<index>\d+) \(id (?P<id>.*)\) has no readable date",
        _("message %(index)s (id %(id)s) has no readable date"),
    ),
    (
        r"not a readable Telegram export \(truncated, or not result\.json\?\) after message (?P<index>\d+): "
        r"(?P<reason>.*)",
        _(
            "not a readable Telegram export (cut short, or not result.json?) after message %(index)s: %(reason)s"
        ),
    ),
    (r"(?P<label>.+): unreadable email \((?P<reason>.*)\)", _("%(label)s: unreadable email (%(reason)s)")),
    (
        r"phone (?P<value>.+) is not a valid number and was skipped",
        _("phone %(value)s is not a valid number and was skipped"),
    ),
    (
        r"email (?P<value>.+) is not an address and was skipped",
        _("email %(value)s is not an address and was skipped"),
    ),
    (r"birthday skipped: (?P<reason>.+)", _("birthday skipped: %(reason)s")),
    (r"(?P<value>.+) is not a date", _("%(value)s is not a date")),
    (r"(?P<value>.+) is not a real date", _("%(value)s is not a real date")),
    (
        r"photo skipped: only base64 data: URIs are supported",
        _("photo skipped: only photos inside the card are read"),
    ),
    (r"photo skipped: its base64 data is damaged", _("photo skipped: its data is damaged")),
    (
        r"card has no END:VCARD before the next card on line (?P<line>\d+)",
        _("the card has no END:VCARD before the next card on line %(line)s"),
    ),
    (
        r"card has no END:VCARD \(the file ends at line (?P<line>\d+)\)",
        _("the card has no END:VCARD (the file ends at line %(line)s)"),
    ),
    (
        r"text outside BEGIN:VCARD \.\.\. END:VCARD was ignored",
        _("text outside BEGIN:VCARD ... END:VCARD was ignored"),
    ),
    (
        r"unreadable line in the card starting at line (?P<line>\d+): (?P<reason>.*)",
        _("unreadable line in the card starting at line %(line)s: %(reason)s"),
    ),
]
COMPILED = [(re.compile(pattern + r"\Z", re.S), text) for pattern, text in PATTERNS]
NESTED = ("reason",)  # parts that are themselves messages, like a birthday's "'1985-13-40' is not a date"


def translate_problem(message: str, depth: int = 0) -> str:
    """The reader's message in the active language, when Kenal knows it."""
    message = str(message or "")
    for pattern, text in COMPILED:
        found = pattern.match(message)
        if found:
            parts = found.groupdict()
            if depth < 2:
                parts = {
                    key: translate_problem(value, depth + 1) if key in NESTED else value
                    for key, value in parts.items()
                }
            return str(text) % parts
    return message
