"""``python -m fwgraph.cli``: the ``fwgraph`` command."""

import sys

from fwgraph.cli import main

sys.exit(main())
