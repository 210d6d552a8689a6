from django.urls import path

from kenal.conversations import views

app_name = "conversations"
urlpatterns = [
    path("", views.index_view, name="index"),
    path("<int:conversation_id>/", views.detail_view, name="detail"),
    path("import/", views.import_view, name="import"),
    path("import/<int:run_id>/", views.run_view, name="run"),
    path("import/<int:run_id>/me/", views.run_me_view, name="run_me"),
    path("review/", views.review_view, name="review"),
    path("review/<int:unmatched_id>/", views.review_action_view, name="review_action"),
    path("responsiveness/", views.responsiveness_view, name="responsiveness"),
]
