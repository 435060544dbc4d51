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
    "myst_parser",
    "sphinx_argparse_cli",
    "sphinx_copybutton",
    "fwgraph.sphinx",
]

fwgraph_framework_pages = "frameworks"  # generated at build time, git-ignored

exclude_patterns = ["_build"]
html_theme = "furo"
html_title = f"fwgraph {release}"
html_static_path = ["_static"]
html_css_files = ["docs.css"]
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

# No intersphinx (a build never touches the network), so references to types
# from other projects cannot resolve; each ignore says which and why.
nitpick_ignore_regex = [
    ("py:.*", r"rdflib\..*|Graph|Node"),  # rdflib types: rdflib's inventory would need the network
    ("py:.*", r"(networkx|nx|matplotlib)\..*"),  # networkx and matplotlib: same reason
    ("py:.*", r"(datetime|dt|pathlib|collections\.abc|argparse|contextlib)(\..*)?|Path"),  # stdlib
    ("py:.*", r"pyoxigraph\..*"),  # pyoxigraph's types: its inventory would need the network
    ("py:.*", r"(sphinx|docutils)\..*"),  # Sphinx's own types in fwgraph.sphinx: same reason
    ("py:class", r"\(.*|.*\)"),  # napoleon splits tuple specs such as "(str, int)" into words
]
