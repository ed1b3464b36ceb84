"""Web application: pages (Jinja2) and the REST API (``/api/v1``) over ``tracking``."""
