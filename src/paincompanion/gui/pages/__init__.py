"""Qt pages."""
