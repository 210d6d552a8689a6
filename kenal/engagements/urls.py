from django.urls import path

from kenal.engagements import views

app_name = "engagements"
urlpatterns = [
    path("", views.index_view, name="index"),
    path("new/", views.engagement_create_view, name="create"),
    path("<int:engagement_id>/", views.engagement_detail_view, name="detail"),
    path("<int:engagement_id>/scope/", views.scope_item_add_view, name="scope_add"),
    path(
        "<int:engagement_id>/scope/<int:item_id>/delivered/",
        views.scope_item_deliver_view,
        name="scope_deliver",
    ),
    path("<int:engagement_id>/requests/new/", views.client_request_view, name="request"),
    path("<int:engagement_id>/milestones/", views.milestone_add_view, name="milestone_add"),
    path("<int:engagement_id>/mou/", views.mou_upload_view, name="mou"),
    path("<int:engagement_id>/end/", views.engagement_end_view, name="end"),
    path("milestones/<int:milestone_id>/paid/", views.milestone_paid_view, name="milestone_paid"),
    path(
        "change-requests/<int:change_request_id>/status/",
        views.change_request_status_view,
        name="change_request_status",
    ),
    path("pipeline/", views.pipeline_view, name="pipeline"),
    path("opportunities/new/", views.opportunity_create_view, name="opportunity_create"),
    path("opportunities/<int:opportunity_id>/", views.opportunity_detail_view, name="opportunity"),
    path("opportunities/<int:opportunity_id>/vet/", views.opportunity_vet_view, name="opportunity_vet"),
    path("opportunities/<int:opportunity_id>/stage/", views.opportunity_stage_view, name="opportunity_stage"),
    path("vetting/", views.vetting_questions_view, name="vetting_questions"),
]
