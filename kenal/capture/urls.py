from django.urls import path

from kenal.capture import views

app_name = "capture"
urlpatterns = [
    path("capture/", views.index_view, name="index"),
    path("capture/mailboxes/", views.mailbox_add_view, name="mailbox_add"),
    path("capture/mailboxes/<int:mailbox_id>/remove/", views.mailbox_remove_view, name="mailbox_remove"),
    path("capture/whatsapp/", views.whatsapp_connect_view, name="whatsapp_connect"),
    path("capture/whatsapp/<int:connection_id>/remove/", views.whatsapp_remove_view, name="whatsapp_remove"),
    path("hooks/whatsapp/<str:secret>/", views.whatsapp_hook_view, name="whatsapp_hook"),
]
