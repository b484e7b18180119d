from django.urls import path

from .views import case, caseload, steps

app_name = "cases"
urlpatterns = [
    path("", caseload.caseload, name="caseload"),
    path("register/", steps.child_register, name="register"),
    path("<str:reference>/", case.case_page, name="case"),
    path("<str:reference>/plan/<int:number>/", case.plan_version, name="plan_version"),
    path("<str:reference>/plan/compare/", case.plan_compare, name="plan_compare"),
    path("<str:reference>/hand-over/", steps.hand_over, name="hand_over"),
    path("<str:reference>/<slug:step>/", steps.step, name="step"),
]
