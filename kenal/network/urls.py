from django.urls import path

from kenal.network import views

app_name = "network"
urlpatterns = [
    path("", views.index_view, name="index"),
]
