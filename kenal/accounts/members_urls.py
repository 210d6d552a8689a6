from django.urls import path

from kenal.accounts import members_views as views

app_name = "members"
urlpatterns = [
    path("", views.members_view, name="index"),
    path("invite/", views.invite_view, name="invite"),
    path("<int:member_id>/role/", views.role_view, name="role"),
    path("<int:member_id>/remove/", views.remove_view, name="remove"),
    path("invitations/<int:invitation_id>/revoke/", views.revoke_view, name="revoke"),
    path("transfer/", views.transfer_view, name="transfer"),
    path("delete-workspace/", views.delete_view, name="delete_workspace"),
]
