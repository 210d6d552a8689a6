from django.urls import path

from kenal.portability import views

app_name = "portability"
urlpatterns = [
    path("", views.data_view, name="index"),
    path("account/delete/", views.account_delete_view, name="account_delete"),
    path("legal-basis/", views.legal_basis_view, name="legal_basis"),
    path("export.zip", views.archive_download_view, name="archive"),
    path("people/<int:person_id>/export.json", views.person_export_view, name="person_export"),
    path("people/<int:person_id>/erase/", views.person_erase_view, name="person_erase"),
    path("duplicates/", views.duplicates_view, name="duplicates"),
    path("merge/<int:keep_id>/<int:other_id>/", views.merge_view, name="merge"),
    path("merges/<int:merge_id>/undo/", views.merge_undo_view, name="merge_undo"),
]
