from django.urls import path

from .views import steps

app_name = "cases"
urlpatterns = [
    path("register/", steps.child_register, name="register"),
    path("<str:reference>/hand-over/", steps.hand_over, name="hand_over"),
    path("<str:reference>/<slug:step>/", steps.step, name="step"),
]
