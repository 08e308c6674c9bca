"""safepassage: case management for organisations that help soldiers who refuse to fight."""

# The release this code is, or the next one with ".dev0" between releases (see CHANGELOG.md and
# docs/operations.md, "Releases and upgrades").
__version__ = "0.2.0.dev0"
