"""Agenda: pages."""

from django.shortcuts import render
from django.utils.translation import gettext as _


def today_view(request):
    context = {"heading": _("Today"), "explanation": _("Promises due, people waiting for your reply, birthdays and who to keep in touch with will appear here.")}
    return render(request, "web/placeholder.html", context)
