from django.urls import path

from . import views, views_sen2

app_name = "reporting"

urlpatterns = [
    path("", views.timeliness_dashboard, name="timeliness"),
    path("measures/", views.measures_dashboard, name="measures"),
    path("cohort/", views.cohort_dashboard, name="cohort"),
    path("download.csv", views.figure_csv, name="figure_csv"),
    path("cases/", views.cases_behind, name="cases"),
    path("sen2/", views_sen2.sen2_index, name="sen2"),
    path("sen2/<int:pk>/", views_sen2.sen2_status, name="sen2_status"),
    path("sen2/<int:pk>/sen2.xml", views_sen2.sen2_xml, name="sen2_xml"),
    path("sen2/<int:pk>/sen2-csv.zip", views_sen2.sen2_csv, name="sen2_csv"),
]
