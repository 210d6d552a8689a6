"""Conversations: pages."""

from django.shortcuts import render
from django.utils.translation import gettext as _


def index_view(request):
    context = {"heading": _("Conversations"), "explanation": _("Imported WhatsApp, email and Telegram conversations will appear here.")}
    return render(request, "web/placeholder.html", context)


def import_view(request):
    context = {"heading": _("Import chats"), "explanation": _("Import a WhatsApp, email or Telegram export to see your conversations here.")}
    return render(request, "web/placeholder.html", context)
