"""The ``legalaid`` operator command: the composition root that wires the packages together."""
