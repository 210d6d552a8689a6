from django.urls import path

from kenal.conversations import views

app_name = "conversations"
urlpatterns = [
    path("", views.index_view, name="index"),
    path("import/", views.import_view, name="import"),
]
