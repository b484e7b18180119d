from django.urls import path

from . import views

app_name = "panels"
urlpatterns = [
    path("", views.meeting_list, name="meetings"),
    path("new/", views.meeting_new, name="meeting_new"),
    path("<int:pk>/", views.meeting_page, name="meeting"),
    path("<int:pk>/members/", views.meeting_members, name="members"),
    path("<int:pk>/attendance/", views.meeting_attendance, name="attendance"),
    path("items/<int:pk>/", views.item_page, name="item"),
    path("items/<int:pk>/confirm/", views.decision_confirm, name="confirm"),
    path("items/<int:pk>/conflict/", views.conflict_declare, name="conflict"),
    path("add/<str:reference>/", views.agenda_add, name="agenda_add"),
]
