"""Extensions are created here and bound to the app in create_app."""
from flask_babel import Babel
from flask_caching import Cache
from flask_compress import Compress
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_mailman import Mail
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect
from htmx_flask import Htmx

from community.db import Base

db = SQLAlchemy(model_class=Base)
login = LoginManager()
csrf = CSRFProtect()
babel = Babel()
mail = Mail()
htmx = Htmx()
compress = Compress()
# Holds the storage (Redis when REDIS_URL is set) and strategy of the login, sign-up and reset
# limits, which community/accounts/limits.py counts per account and per client address.
limiter = Limiter(key_func=get_remote_address)
cache = Cache()
