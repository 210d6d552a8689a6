from django.urls import path

from kenal.engagements import views

app_name = "engagements"
urlpatterns = [
    path("", views.index_view, name="index"),
]
