"""The Alembic head revision this code expects (checked without importing Alembic at start).

Whoever adds a migration updates HEAD; tests/test_store_schema.py checks it matches the
migrations folder's head.
"""
HEAD = "0007_assigned_on"
