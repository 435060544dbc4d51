"""Views of the graph: networkx graphs, file formats and the offline HTML page."""
