"""Pure domain model and rules (stdlib only)."""
