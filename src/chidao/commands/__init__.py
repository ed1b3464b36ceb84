"""Groups of CLI commands; each module exposes ``register(app)``."""
