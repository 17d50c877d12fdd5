"""The ``councilbot`` command line."""
