"""Promises: pages."""

from django.shortcuts import render
from django.utils.translation import gettext as _


def index_view(request):
    context = {"heading": _("Promises"), "explanation": _("What you owe, what is owed to you, and what is vague will appear here.")}
    return render(request, "web/placeholder.html", context)
