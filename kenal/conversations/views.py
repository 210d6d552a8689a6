"""Conversations: pages."""

from django.contrib import messages as flash
from django.core.paginator import Paginator
from django.db.models import Subquery
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from kenal.accounts.http import service_errors
from kenal.accounts.scoping import get_scoped_or_404
from kenal.conversations import forms, selectors, services
from kenal.conversations.models import Conversation, ImportRun, Message, UnmatchedSender
from kenal.lib import formatting, registry
from kenal.people.models import Person

PAGE_SIZE = 30


# What other apps add to a conversation's page: `f(*, request, conversation) -> str` (html).
def _page(request, queryset, size=PAGE_SIZE):
    """A page without a COUNT over the whole table: fetch one extra row to know if there is a next page."""
    try:
        number = max(1, int(request.GET.get("page", 1)))
    except ValueError:
        number = 1
    rows = list(queryset[(number - 1) * size : number * size + 1])
    return {
        "rows": rows[:size],
        "number": number,
        "has_next": len(rows) > size,
        "previous": number - 1 if number > 1 else None,
        "next": number + 1,
    }


def index_view(request):
    query = request.GET.get("q", "").strip()[:200]
    source = request.GET.get("source", "")
    if query and request.GET.get("in") != "titles":
        page = _page(request, selectors.search_messages(workspace=request.workspace, query=query))
        mode = "messages"
    else:
        page = _page(
            request, selectors.conversations_list(workspace=request.workspace, query=query, source=source)
        )
        mode = "conversations"
    context = {
        "page": page,
        "mode": mode,
        "query": query,
        "source": source,
        "unmatched": selectors.unmatched_open(workspace=request.workspace).count(),
    }
    template = (
        "conversations/_results.html" if request.headers.get("HX-Request") else "conversations/list.html"
    )
    return render(request, template, context)


def detail_view(request, conversation_id):
    conversation = get_scoped_or_404(Conversation, request.workspace, pk=conversation_id)
    paginator = Paginator(selectors.conversation_messages(conversation=conversation), 100)
    page = paginator.get_page(request.GET.get("page") or paginator.num_pages)
    # Apps above mark what they found in the messages: the promise a message makes, say.
    marks = {}
    for found in registry.hooks("message_marks"):
        marks.update(found(workspace=request.workspace, message_ids=[m.pk for m in page]))
    for message in page:
        message.promise = marks.get(message.pk)
    blocks = [
        block(request=request, conversation=conversation)
        for block in registry.hooks("conversation_page_block")
    ]
    return render(
        request, "conversations/detail.html", {"conversation": conversation, "page": page, "blocks": blocks}
    )


def import_view(request):
    """Keep the upload and queue it; the run page imports it while showing the progress."""
    form = forms.ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        run = start_import(
            request,
            upload=form.cleaned_data["file"],
            source=form.cleaned_data["source"],
            me=form.cleaned_data["me"],
        )
        return redirect("conversations:run", run.pk)
    services.import_runs_expire(workspace=request.workspace)
    runs = selectors.import_runs(workspace=request.workspace)[:10]
    return render(request, "conversations/import.html", {"form": form, "runs": runs})


def start_import(request, *, upload, source: str, me: str = "") -> ImportRun:
    """Keep an uploaded export and queue its import: the one way in for the import page and the share sheet."""
    return services.import_upload_start(
        workspace=request.workspace,
        user=request.user,
        source=source,
        name=upload.name,
        chunks=upload.chunks(),
        me=[me] if me else [],
    )


def run_view(request, run_id):
    """The run's progress, which htmx polls. A child process imports the run (started by the first poll);
    where none can run (IMPORT_IN_PROCESS), each poll imports the next batches itself."""
    run = get_scoped_or_404(
        ImportRun.objects.select_related("workspace", "user"), request.workspace, pk=run_id
    )
    services.import_runs_expire(workspace=request.workspace)
    run.refresh_from_db(fields=["status", "finished_at", "lease_until"])
    if run.status in (ImportRun.Status.PENDING, ImportRun.Status.RUNNING) and run.options.get("tz"):
        if services.import_in_process():
            services.import_run_step(
                run=run, max_batches=services.STEP_BATCHES, seconds=services.STEP_SECONDS
            )
        else:
            services.import_run_launch(run=run)
        run.refresh_from_db(fields=["status", "finished_at"])
    template = "conversations/_run.html" if request.headers.get("HX-Request") else "conversations/run.html"
    # The import's last step: who is you, in the chats where nobody could tell.
    questions = selectors.run_me_questions(run=run)
    return render(request, template, {"run": run, "files": run.files.all(), "questions": questions})


def run_me_view(request, run_id):
    """Answer "which sender is you?" for one chat of an import: a sender, or none of them."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    run = get_scoped_or_404(ImportRun, request.workspace, pk=run_id)
    chats = Conversation.objects.filter(pk__in=run.files.values("conversation_id"))
    conversation = get_scoped_or_404(chats, request.workspace, pk=request.POST.get("conversation"))
    if "me" not in request.POST:
        flash.error(request, _("Choose which sender is you, or none of these."))
        return redirect(run)
    sender = request.POST["me"]
    if sender:
        with service_errors(request=request) as outcome:
            services.conversation_me_set(conversation=conversation, sender=sender)
        if outcome.ok:
            flash.success(request, _("Messages from %(name)s are now yours.") % {"name": sender})
    else:
        services.run_me_none(run=run, conversation=conversation)
    return redirect(run)


def review_view(request):
    page = _page(request, selectors.unmatched_open(workspace=request.workspace))
    people = (
        Person.objects.filter(workspace=request.workspace)
        .order_by("full_name")
        .values_list("id", "full_name")[:500]
    )
    return render(request, "conversations/review.html", {"page": page, "people": people})


def review_action_view(request, unmatched_id):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    unmatched = get_scoped_or_404(UnmatchedSender, request.workspace, pk=unmatched_id)
    action = request.POST.get("action")
    if action == "create":
        with service_errors(request=request) as outcome:
            person = services.unmatched_create_person(unmatched=unmatched, user=request.user)
        if outcome.ok:
            flash.success(request, _("%(name)s was added to your people.") % {"name": person.full_name})
    elif action == "link":
        person = get_scoped_or_404(Person, request.workspace, pk=request.POST.get("person"))
        services.unmatched_link(unmatched=unmatched, person=person)
        flash.success(
            request,
            _("Messages from %(sender)s now belong to %(name)s.")
            % {"sender": unmatched.name, "name": person.full_name},
        )
    elif action == "me":
        services.unmatched_is_me(unmatched=unmatched)
        flash.success(request, _("Messages from %(name)s are now yours.") % {"name": unmatched.name})
    elif action == "ignore":
        services.unmatched_ignore(unmatched=unmatched)
    else:
        flash.error(request, _("Choose what to do with this sender."))
    return redirect("conversations:review")


def responsiveness_view(request):
    since = timezone.now() - timezone.timedelta(days=365)
    figures = selectors.responsiveness(workspace=request.workspace, since=since)
    now = timezone.now()
    context = {
        "figures": _readable(figures),
        "waiting": selectors.waiting_for_reply(workspace=request.workspace, now=now)[:50],
        "fairness": [
            _readable_row(row) for row in selectors.fairness(workspace=request.workspace, since=since)
        ],
    }
    return render(request, "conversations/responsiveness.html", context)


def _readable_row(row: dict) -> dict:
    return {
        **row,
        "median": _duration(row["median_seconds"]),
        "median_working": _duration(row["median_working_seconds"]),
    }


def _readable(figures: dict) -> dict:
    result = dict(figures)
    for side in ("me", "them"):
        result[side] = {
            **figures[side],
            **{
                name: _duration(figures[side][f"{name}_seconds"])
                for name in ("median", "p90", "median_working", "p90_working")
            },
        }
    result["members"] = [
        {**member, "median": _duration(member["median_seconds"])} for member in figures.get("members", [])
    ]
    result["trend"] = [
        {
            **month,
            "median": _duration(month["median_seconds"]),
            "label": formatting.month_year(month["month"], get_language()),
        }
        for month in figures["trend"]
    ]
    return result


def person_page_block(*, request, person) -> str:
    # The latest conversation's last messages carry the conversation: one query where there are messages.
    latest = Conversation.objects.filter(workspace_id=person.workspace_id, person=person).order_by("-last_at")
    last_messages = list(
        Message.objects.filter(conversation=Subquery(latest.values("pk")[:1]))
        .exclude(kind="system")
        .select_related("conversation")
        .order_by("-at")[:3]
    )[::-1]
    conversation = (
        last_messages[0].conversation if last_messages else selectors.last_conversation(person=person)
    )
    if conversation is None:
        return ""
    figures = _readable(selectors.responsiveness(workspace=request.workspace, person=person))
    return render_to_string(
        "conversations/_person_block.html",
        {"conversation": conversation, "figures": figures, "last_messages": last_messages},
        request=request,
    )


def organization_page_block(*, request, organization) -> str:
    figures = selectors.responsiveness(workspace=request.workspace, organization=organization)
    if not figures["me"]["count"] and not figures["them"]["count"]:
        return ""
    return render_to_string(
        "conversations/_organization_block.html", {"figures": _readable(figures)}, request=request
    )


def _duration(seconds) -> str:
    """ "3,7 jam" / "3.7 hours": a reply time in the reader's language."""
    return formatting.duration(seconds, get_language())
