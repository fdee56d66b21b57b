"""Local development and `make demo`: SQLite + filesystem broker, DEBUG on."""

from lms.settings.base import *
from lms.settings.env import env_bool

DEBUG = env_bool("DEBUG", True)
