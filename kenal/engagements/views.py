"""Work: pages."""

from django.shortcuts import render
from django.utils.translation import gettext as _


def index_view(request):
    context = {"heading": _("Work"), "explanation": _("Engagements, scope and change requests, and the pipeline of prospects will appear here.")}
    return render(request, "web/placeholder.html", context)
