from django.urls import path

from . import views

app_name = "administration"

urlpatterns = [
    path("", views.index, name="index"),
    path("staff/", views.staff_list, name="staff"),
    path("staff/add/", views.staff_add, name="staff_add"),
    path("staff/<int:pk>/", views.staff_member, name="staff_member"),
    path(
        "staff/<int:pk>/deactivate/",
        views.staff_account,
        {"action": "deactivate"},
        name="staff_deactivate",
    ),
    path(
        "staff/<int:pk>/reactivate/",
        views.staff_account,
        {"action": "reactivate"},
        name="staff_reactivate",
    ),
    path("staff/<int:pk>/password/", views.staff_password, name="staff_password"),
    path("teams/", views.team_list, name="teams"),
    path("teams/add/", views.team_form, name="team_add"),
    path("teams/<int:pk>/", views.team_form, name="team_edit"),
    path("panel-types/", views.panel_type_list, name="panel_types"),
    path("panel-types/add/", views.panel_type_form, name="panel_type_add"),
    path("panel-types/<int:pk>/", views.panel_type_form, name="panel_type_edit"),
    path("panel-types/<int:pk>/remove/", views.panel_type_delete, name="panel_type_delete"),
    path("api-clients/", views.api_client_list, name="api_clients"),
    path("api-clients/add/", views.api_client_add, name="api_client_add"),
    path("api-clients/<int:pk>/", views.api_client_detail, name="api_client"),
    path("api-clients/<int:pk>/rotate/", views.api_client_rotate, name="api_client_rotate"),
    path("council/", views.council, name="council"),
    path("changes/", views.changes, name="changes"),
]
