"""One module per `mlsd` subcommand; each exposes a click command named `command`."""
