from django.urls import path

from kenal.portability import views

app_name = "portability"
urlpatterns = [
    path("people/<int:person_id>/erase/", views.person_erase_view, name="person_erase"),
]
