from django import forms
from django.contrib.auth.forms import AuthenticationForm

SIGN_IN_FAILED = "The user name or password is not right. Check them and try again."


class SignInForm(AuthenticationForm):
    """Django's sign-in form, saying nothing about which part was wrong."""

    error_messages = {
        "invalid_login": SIGN_IN_FAILED,
        "inactive": SIGN_IN_FAILED,
    }

    username = forms.CharField(label="User name", max_length=150)
    password = forms.CharField(label="Password", strip=False, widget=forms.PasswordInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs.update(
            {
                "autocomplete": "username",
                "spellcheck": "false",
                "class": "govuk-input govuk-!-width-one-half",
            }
        )
        self.fields["password"].widget.attrs.update(
            {"autocomplete": "current-password", "class": "govuk-input govuk-!-width-one-half"}
        )
        self.fields["username"].error_messages["required"] = "Enter your user name"
        self.fields["password"].error_messages["required"] = "Enter your password"


class TwoFactorCodeForm(forms.Form):
    """A 6-digit code from an authenticator app (or, when signing in, a recovery code)."""

    code = forms.CharField(label="Code", max_length=32, required=False)

    def __init__(
        self, *args, label: str = "Code", hint: str = "", recovery: bool = False, **kwargs
    ):
        super().__init__(*args, **kwargs)
        field = self.fields["code"]
        field.label = label
        field.help_text = hint
        field.widget.attrs.update(
            {
                "autocomplete": "one-time-code",
                "spellcheck": "false",
                "autocapitalize": "none",
                "class": "govuk-input govuk-input--width-10",
            }
        )
        if not recovery:
            field.widget.attrs["inputmode"] = "numeric"
