"""The workspace's pages, at the addresses people have bookmarked.

Included after `cases.urls` in send_portal/urls.py: /cases/register/ and the step pages
(/cases/<reference>/<step>/) are the cases app's; /cases/<reference>/ is the case page."""

from django.urls import path

from .views import case, caseload, children, home, search, team

app_name = "workspace"
urlpatterns = [
    path("", home.home, name="home"),
    path("cases/", caseload.caseload, name="caseload"),
    path("children/", children.children_list, name="children"),
    path("children/children.csv", children.children_csv, name="children_csv"),
    path("team/", team.team, name="team"),
    path("team/<int:pk>/hand-over/", team.caseload_hand_over, name="team_hand_over"),
    path("cases/find/", search.find_case, name="find"),
    path("cases/<str:reference>/", case.case_page, name="case"),
    path("cases/<str:reference>/plan/<int:number>/", case.plan_version, name="plan_version"),
    path("cases/<str:reference>/plan/compare/", case.plan_compare, name="plan_compare"),
]
