"""One module per ``legalaid`` subcommand."""
