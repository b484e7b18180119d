from django.urls import path

from . import oruk

app_name = "oruk"
urlpatterns = [
    path("", oruk.root, name="root"),
    path("openapi.json", oruk.openapi, name="openapi"),
    path("services", oruk.services, name="services"),
    path("services/<str:pk>", oruk.service, name="service"),
    path("service_at_locations", oruk.service_at_locations, name="service_at_locations"),
    path("service_at_locations/<str:pk>", oruk.service_at_location, name="service_at_location"),
    path("taxonomies", oruk.taxonomies, name="taxonomies"),
    path("taxonomies/<str:pk>", oruk.taxonomy, name="taxonomy"),
    path("taxonomy_terms", oruk.taxonomy_terms, name="taxonomy_terms"),
    path("taxonomy_terms/<str:pk>", oruk.taxonomy_term, name="taxonomy_term"),
]
