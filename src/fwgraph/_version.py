"""The version of fwgraph."""

__version__ = "0.1.0"
