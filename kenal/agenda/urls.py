from django.urls import path

from kenal.agenda import views

app_name = "agenda"
urlpatterns = [
    path("", views.today_view, name="today"),
    path("agenda/done/", views.done_view, name="done"),
    path("agenda/snooze/", views.snooze_view, name="snooze"),
    path("agenda/undo/", views.undo_view, name="undo"),
    path("agenda/settings/", views.settings_view, name="settings"),
    path("agenda/settings/feed/", views.feed_token_view, name="feed_token"),
    path("feeds/agenda/<str:token>.ics", views.feed_view, name="feed"),
]
