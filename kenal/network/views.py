"""Network: pages."""

from django.shortcuts import render
from django.utils.translation import gettext as _


def index_view(request):
    context = {"heading": _("Network"), "explanation": _("Referrals, favours, gifts and who knows whom will appear here.")}
    return render(request, "web/placeholder.html", context)
