"""Developer machine and `make demo`: SQLite file, eager tasks, console email."""

from .base import *

DEBUG = env.bool("DEBUG", default=True)
