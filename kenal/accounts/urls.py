from django.contrib.auth import views as auth_views
from django.urls import path

from kenal.accounts import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.login_view, name="login"),
    path("password/", views.PasswordChangeView.as_view(), name="password_change"),
    path("password/reset/", views.password_reset_view, name="password_reset"),
    path("password/reset/sent/", views.password_reset_sent_view, name="password_reset_sent"),
    path(
        "password/reset/<uidb64>/<token>/", views.password_reset_confirm_view, name="password_reset_confirm"
    ),
    path("password/reset/done/", views.password_reset_complete_view, name="password_reset_complete"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("settings/", views.settings_view, name="settings"),
    path("two-factor/", views.two_factor_view, name="two_factor"),
    path("two-factor/verify/", views.two_factor_verify_view, name="two_factor_verify"),
    path("two-factor/disable/", views.two_factor_disable_view, name="two_factor_disable"),
    path("workspace/two-factor/", views.two_factor_require_view, name="two_factor_require"),
    path("settings/tokens/", views.token_create_view, name="token_create"),
    path("settings/tokens/<int:token_id>/revoke/", views.token_revoke_view, name="token_revoke"),
    path("language/", views.language_view, name="language"),
    path("workspace/", views.workspace_switch_view, name="workspace_switch"),
    path("workspace/new/", views.workspace_create_view, name="workspace_create"),
    path("uploads/<int:upload_id>/", views.upload_view, name="upload"),
]
