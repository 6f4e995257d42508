"""Running the service: settings from the environment, starting and supervising the servers."""
