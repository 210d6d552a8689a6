"""Live capture: the settings page for mailboxes and WhatsApp numbers, and the WhatsApp webhook."""

import hmac
import json

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse, HttpResponseForbidden
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from kenal.accounts.http import absolute_url, service_errors
from kenal.accounts.scoping import get_scoped_or_404
from kenal.capture import selectors, services
from kenal.capture.forms import MailboxForm, WhatsAppForm
from kenal.capture.models import WhatsAppConnection
from kenal.lib.whatsapp_cloud import signature_valid


def _page(request, *, mailbox_form=None, whatsapp_form=None, status=200):
    connections = selectors.whatsapp_connections(workspace=request.workspace)
    context = {
        "mailboxes": selectors.mailboxes_for(workspace=request.workspace, user=request.user),
        "connections": [(connection, absolute_url(hook_path(connection))) for connection in connections],
        "mailbox_form": mailbox_form or MailboxForm(),
        "whatsapp_form": whatsapp_form or WhatsAppForm(),
    }
    return render(request, "capture/index.html", context, status=status)


def hook_path(connection: WhatsAppConnection) -> str:
    return reverse("capture:whatsapp_hook", args=[connection.secret])


def index_view(request):
    return _page(request)


@require_POST
def mailbox_add_view(request):
    form = MailboxForm(request.POST)
    if form.is_valid():
        with service_errors(form) as outcome:
            services.mailbox_add(
                workspace=request.workspace,
                user=request.user,
                host=form.cleaned_data["host"],
                port=form.cleaned_data["port"],
                security=form.cleaned_data["security"],
                username=form.cleaned_data["username"],
                password=form.cleaned_data["password"],
                folders=form.cleaned_data["folders"],
            )
        if outcome.ok:
            messages.success(request, _("Mailbox added. `kenal sync` brings its mail in."))
            return redirect("capture:index")
    return _page(request, mailbox_form=form, status=400)


@require_POST
def mailbox_remove_view(request, mailbox_id: int):
    mailboxes = selectors.mailboxes_for(workspace=request.workspace, user=request.user)
    services.mailbox_remove(mailbox=get_scoped_or_404(mailboxes, request.workspace, pk=mailbox_id))
    messages.success(request, _("Mailbox removed. The messages it brought in stay."))
    return redirect("capture:index")


@require_POST
def whatsapp_connect_view(request):
    form = WhatsAppForm(request.POST)
    if form.is_valid():
        with service_errors(form) as outcome:
            services.whatsapp_connect(workspace=request.workspace, user=request.user, **form.cleaned_data)
        if outcome.ok:
            messages.success(request, _("WhatsApp number connected. Give Meta the webhook address below."))
            return redirect("capture:index")
    return _page(request, whatsapp_form=form, status=400)


@require_POST
def whatsapp_remove_view(request, connection_id: int):
    connection = get_scoped_or_404(WhatsAppConnection, request.workspace, pk=connection_id)
    services.whatsapp_disconnect(connection=connection)
    messages.success(request, _("WhatsApp number disconnected. Its messages stay."))
    return redirect("capture:index")


@csrf_exempt
@login_not_required
@require_http_methods(["GET", "POST"])
def whatsapp_hook_view(request, secret: str):
    """Meta's webhook: the verification handshake on GET, signed messages and statuses on POST."""
    connection = WhatsAppConnection.objects.select_related("workspace", "user").filter(secret=secret).first()
    if connection is None:
        raise Http404
    if request.method == "GET":
        token = request.GET.get("hub.verify_token", "")
        if request.GET.get("hub.mode") == "subscribe" and hmac.compare_digest(
            token.encode(), connection.verify_token.encode()
        ):
            return HttpResponse(request.GET.get("hub.challenge", ""), content_type="text/plain")
        return HttpResponseForbidden("verification failed")
    body = request.body
    if not signature_valid(
        body=body,
        header=request.headers.get("X-Hub-Signature-256"),
        app_secret=services.whatsapp_app_secret(connection),
    ):
        return HttpResponseForbidden("bad signature")
    try:
        payload = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return HttpResponse("not JSON", status=400, content_type="text/plain")
    services.whatsapp_receive(connection=connection, payload=payload)
    return HttpResponse("OK", content_type="text/plain")


def conversation_page_block(*, request, conversation) -> str:
    """The 24-hour reply window on a WhatsApp Business conversation's page; nothing on other conversations."""
    window = selectors.reply_window(conversation=conversation)
    if window is None:
        return ""
    return render_to_string("capture/_conversation_block.html", {"window": window}, request=request)
