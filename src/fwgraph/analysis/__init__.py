"""Analyses: plain functions over an :class:`~fwgraph.engines.Engine`.

Each reads through named queries (:func:`fwgraph.engines.select`) and returns
typed values; none imports :class:`~fwgraph.KnowledgeGraph`, which calls them.
"""
