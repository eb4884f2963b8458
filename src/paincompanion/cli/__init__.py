"""The command-line face: a thin layer over services; never imports Qt for its subcommands."""
