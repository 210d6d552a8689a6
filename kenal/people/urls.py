from django.urls import path

from kenal.people import vcard_views, views

app_name = "people"
urlpatterns = [
    path("", views.person_list_view, name="list"),
    path("new/", views.person_create_view, name="create"),
    path("deleted/", views.deleted_list_view, name="deleted"),
    path("deleted/<int:person_id>/restore/", views.person_restore_view, name="restore"),
    path("quick-add/", views.quick_add_view, name="quick_add"),
    path("<int:person_id>/", views.person_detail_view, name="detail"),
    path("<int:person_id>/edit/", views.person_edit_view, name="edit"),
    path("<int:person_id>/delete/", views.person_delete_view, name="delete"),
    path("<int:person_id>/handover/", views.person_handover_view, name="handover"),
    path("<int:person_id>/quick-add/", views.quick_add_view, name="person_quick_add"),
    path("<int:person_id>/add/<str:what>/", views.person_add_view, name="add"),
    path("organizations/", views.organization_list_view, name="organizations"),
    path("organizations/new/", views.organization_form_view, name="organization_create"),
    path("organizations/<int:organization_id>/", views.organization_detail_view, name="organization"),
    path("organizations/<int:organization_id>/edit/", views.organization_form_view, name="organization_edit"),
    path("circles/", views.circle_list_view, name="circles"),
    path("circles/<int:circle_id>/", views.circle_detail_view, name="circle"),
    path("import/vcard/", vcard_views.import_view, name="import_vcard"),
    path("export/vcard/", vcard_views.export_view, name="export_vcard"),
]
