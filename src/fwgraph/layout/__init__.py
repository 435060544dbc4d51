"""Where each framework sits: pure geometry and wording shared by every picture.

Nothing here imports matplotlib: the static drawings (:mod:`fwgraph.draw`) and
the interactive HTML view (:mod:`fwgraph.views.html`) both place nodes with it.
"""
