from django.urls import path

from . import views

app_name = "local_offer"
urlpatterns = [
    path("local-offer/", views.search, name="search"),
    path("local-offer/services/<uuid:pk>/", views.service_page, name="service"),
    path("directory/", views.directory, name="directory"),
    path("directory/services/new/", views.service_edit, name="service_new"),
    path("directory/services/<uuid:pk>/edit/", views.service_edit, name="service_edit"),
    path("directory/feedback/<int:pk>/handled/", views.feedback_handled, name="feedback_handled"),
    path("directory/export.csv", views.export_csv, name="export"),
    path("directory/import/", views.import_csv, name="import"),
]
