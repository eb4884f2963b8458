"""Qt dialogs."""
