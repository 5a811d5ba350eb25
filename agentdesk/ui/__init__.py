"""PySide6 widgets over the desk core.  Nothing here talks to the network,
the media engine or a database: services come in through constructors."""
