from django.urls import path

from kenal.agenda import views

app_name = "agenda"
urlpatterns = [
    path("", views.today_view, name="today"),
]
