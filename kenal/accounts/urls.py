from django.contrib.auth import views as auth_views
from django.urls import path

from kenal.accounts import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.login_view, name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("settings/", views.settings_view, name="settings"),
    path("settings/tokens/", views.token_create_view, name="token_create"),
    path("settings/tokens/<int:token_id>/revoke/", views.token_revoke_view, name="token_revoke"),
    path("language/", views.language_view, name="language"),
    path("workspace/", views.workspace_switch_view, name="workspace_switch"),
    path("workspace/new/", views.workspace_create_view, name="workspace_create"),
    path("uploads/<int:upload_id>/", views.upload_view, name="upload"),
]
