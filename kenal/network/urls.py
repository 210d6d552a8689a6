from django.urls import path

from kenal.network import views

app_name = "network"
urlpatterns = [
    path("", views.index_view, name="index"),
    path("referrals/", views.referral_list_view, name="referrals"),
    path("favours/", views.favour_list_view, name="favours"),
    path("gifts/", views.gift_list_view, name="gifts"),
    path("gifts/<int:gift_id>/", views.gift_update_view, name="gift_update"),
]
