from django.urls import path

from kenal.commitments import views

app_name = "commitments"
urlpatterns = [
    path("", views.index_view, name="index"),
    path("new/", views.create_view, name="create"),
    path("<int:commitment_id>/", views.detail_view, name="detail"),
    path("<int:commitment_id>/status/", views.status_view, name="status"),
    path("<int:commitment_id>/due/", views.due_view, name="due"),
    path("<int:commitment_id>/notes/", views.notes_view, name="notes"),
    path("person/<int:person_id>/add/", views.person_add_view, name="person_add"),
    path("review/", views.review_view, name="review"),
    path("review/<int:suggestion_id>/", views.edit_suggestion_view, name="suggestion"),
    path("review/<int:suggestion_id>/accept/", views.accept_view, name="accept"),
    path("review/<int:suggestion_id>/dismiss/", views.dismiss_view, name="dismiss"),
    path("review/<int:suggestion_id>/people/", views.suggestion_people_view, name="suggestion_people"),
]
