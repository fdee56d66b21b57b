import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.dev")
django_application = get_wsgi_application()

# A signed-in student's stored pages are answered before Django's handler (lms.fastpage).
from lms.fastpage import FastPageApp  # noqa: E402  # needs the settings configured above

application = FastPageApp(django_application)
