"""The application layer: the one facade the GUI and the CLI both use."""
