"""Email: one variable, EMAIL_URL. Without it, emails are written to the log (Django's console
backend; they carry case references only), which suits the demo and a deployment with no mail
relay yet. Set it to the council's relay to send them, e.g.
smtp+tls://user:password@smtp.example.gov.uk:587 (smtp+ssl:// for implicit TLS)."""

from .env import env

EMAIL_URL = env("EMAIL_URL", default="") or "consolemail://"
_email = env.email_url_config(EMAIL_URL)
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_HOST = _email.get("EMAIL_HOST") or "localhost"
EMAIL_PORT = _email.get("EMAIL_PORT") or 25
EMAIL_HOST_USER = _email.get("EMAIL_HOST_USER") or ""
EMAIL_HOST_PASSWORD = _email.get("EMAIL_HOST_PASSWORD") or ""
EMAIL_USE_TLS = bool(_email.get("EMAIL_USE_TLS"))
EMAIL_USE_SSL = bool(_email.get("EMAIL_USE_SSL"))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="send-portal@example.gov.uk")
