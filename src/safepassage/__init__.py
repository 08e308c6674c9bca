"""safepassage: case management for organisations that help soldiers who refuse to fight."""
