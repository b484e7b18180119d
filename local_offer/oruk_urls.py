from django.urls import path

from . import views_oruk

app_name = "oruk"
urlpatterns = [
    path("", views_oruk.root, name="root"),
    path("openapi.json", views_oruk.openapi, name="openapi"),
    path("services", views_oruk.services, name="services"),
    path("services/<str:pk>", views_oruk.service, name="service"),
    path("service_at_locations", views_oruk.service_at_locations, name="service_at_locations"),
    path(
        "service_at_locations/<str:pk>", views_oruk.service_at_location, name="service_at_location"
    ),
    path("taxonomies", views_oruk.taxonomies, name="taxonomies"),
    path("taxonomies/<str:pk>", views_oruk.taxonomy, name="taxonomy"),
    path("taxonomy_terms", views_oruk.taxonomy_terms, name="taxonomy_terms"),
    path("taxonomy_terms/<str:pk>", views_oruk.taxonomy_term, name="taxonomy_term"),
]
