"""Sphinx configuration of the fwgraph documentation (build logic lives in fwgraph.sphinx)."""

import fwgraph

project = "fwgraph"
copyright = "fwgraph developers"
author = "fwgraph developers"
release = fwgraph.__version__
version = release

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.doctest",
    "sphinx.ext.intersphinx",
    "myst_parser",
    "sphinx_argparse_cli",
    "sphinx_copybutton",
    "fwgraph.sphinx",
]

fwgraph_framework_pages = "frameworks"  # generated at build time, git-ignored

exclude_patterns = ["_build", "_inventories"]
html_theme = "furo"
html_title = f"fwgraph {release}"
html_static_path = ["_static"]
html_css_files = ["docs.css"]
html_favicon = "_static/favicon.svg"  # a three-node family tree, hand-drawn
pygments_style = "sphinx"
copybutton_prompt_text = r">>> |\.\.\. |\$ "  # the copy button leaves prompts and output out
copybutton_prompt_is_regexp = True

autodoc_typehints = "description"
autodoc_member_order = "bysource"
autodoc_default_options = {"members": True, "show-inheritance": True}
napoleon_numpy_docstring = True
napoleon_google_docstring = False
napoleon_use_rtype = False
napoleon_preprocess_types = True
napoleon_type_aliases = {
    "dt.date": "datetime.date",
    "Path": "pathlib.Path",
    "paths": "pathlib.Path",
    "KnowledgeGraph": "fwgraph.KnowledgeGraph",
    "Engine": "fwgraph.engines.Engine",
    "ResultCache": "fwgraph.engines.ResultCache",
    "CheckedQuery": "fwgraph.sparql.CheckedQuery",
    "Release": "fwgraph.Release",
    "Graph": "rdflib.Graph",
    **{w: f"collections.abc.{w.title()}" for w in ("sequence", "mapping", "iterable", "callable")},
}

doctest_global_setup = "import fwgraph"
doctest_test_doctest_blocks = ""  # docstring examples run under pytest --doctest-modules

# Inventories shipped in _inventories/ (see its README: where each came from), so that a
# build never touches the network.
intersphinx_mapping = {
    name: (url, f"_inventories/{name}.inv")
    for name, url in {
        "python": "https://docs.python.org/3.11/",
        "rdflib": "https://rdflib.readthedocs.io/en/6.1.1/",
        "networkx": "https://networkx.org/documentation/stable/",
        "sphinx": "https://www.sphinx-doc.org/en/master/",
    }.items()
}
# What still cannot resolve, and why.
nitpick_ignore_regex = [
    # Annotations autodoc shows as written (TYPE_CHECKING imports, property return types);
    # the docstrings' own types link the same classes.
    ("py:class", r"Path|Graph|dt\.date|nx\.MultiDiGraph"),
    ("py:class", r"rdflib\.namespace\.DefinedNamespace"),  # not in rdflib 6.1.1's inventory
    ("py:class", r"pyoxigraph\..*"),  # no inventory: not in Debian, built from its Rust extension
    ("py:class", r"matplotlib\..*"),  # no inventory: no Debian doc package for matplotlib
]
