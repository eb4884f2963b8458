"""Storage: the only package that imports SQLAlchemy. ORM/Core rows never leave it."""
