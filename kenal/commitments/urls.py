from django.urls import path

from kenal.commitments import views

app_name = "commitments"
urlpatterns = [
    path("", views.index_view, name="index"),
]
