"""The Python API as a user meets it: look-ups, lineage over time, comparisons, queries."""

from __future__ import annotations

import datetime as dt

import pytest
from rdflib import BNode, Literal

import fwgraph
from fwgraph import FWD


def test_framework_returns_typed_facts(kg) -> None:
    keras = kg.framework("keras")
    assert isinstance(keras, fwgraph.Framework)
    assert keras.label == "Keras"
    assert keras.label_ko == "케라스"
    assert "google" in {d.slug for d in keras.developers}
    assert [c.slug for c in keras.creators] == ["francois-chollet"]
    assert keras.year == 2015
    assert keras.status == "active"
    assert "Apache-2.0" in {lic.slug for lic in keras.licenses}
    assert keras.repository == "https://github.com/keras-team/keras"
    assert all(f.sources for f in keras.facts), "every fact carries its sources"


@pytest.mark.parametrize("name", ["keras", "Keras", "KERAS", "케라스", "fwd:keras", str(FWD.keras)])
def test_names_resolve_by_slug_label_korean_and_iri(kg, name) -> None:
    assert kg.framework(name).slug == "keras"


@pytest.mark.parametrize(
    ("year", "backends"),
    [
        (2016, {"theano", "tensorflow"}),
        (2018, {"theano", "tensorflow", "cntk"}),
        (2022, {"tensorflow"}),
    ],
)
def test_keras_backends_by_year(kg, year, backends) -> None:
    assert set(kg.lineage("keras", as_of=year, depth=1, relations=["builtOn"]).slugs) == backends
    assert {r.slug for r in kg.framework("keras").values("builtOn", as_of=year)} == backends


def test_keras_backends_in_2025_include_jax_and_pytorch(kg) -> None:
    now = set(kg.lineage("keras", as_of=2025, depth=1, relations=["builtOn"]).slugs)
    assert {"tensorflow", "jax", "pytorch"} <= now
    assert not now & {"theano", "cntk"}
    # Anything beyond the three training back ends must be an inference-only one, said so in a note.
    for extra in now - {"tensorflow", "jax", "pytorch"}:
        notes = [
            f.note or ""
            for f in kg.framework("keras").facts_for("builtOn")
            if f.value.slug == extra
        ]
        assert any("inference" in n.lower() for n in notes), extra


def test_as_of_accepts_a_date(kg) -> None:
    before = kg.lineage("keras", as_of=dt.date(2019, 12, 31), depth=1, relations=["builtOn"]).slugs
    assert "theano" in before
    assert "theano" not in kg.lineage("keras", as_of=dt.date(2020, 7, 1), depth=1).slugs


def test_lineage_directions(kg) -> None:
    ancestors = kg.lineage("pytorch").slugs
    assert "torch" in ancestors
    assert "caffe2" in ancestors, "Caffe2 merged into PyTorch: an ancestor of it"
    descendants = kg.lineage("theano", direction="descendants").slugs
    assert {"keras", "aesara", "pytensor"} <= set(descendants)
    both = kg.lineage("aesara", direction="both").slugs
    assert "theano" in both and "pytensor" in both


def test_lineage_text_shows_who_built_each_framework_and_when(kg) -> None:
    text = kg.lineage("keras").to_text()
    assert text.splitlines()[0].startswith("Keras (2015")
    assert "Theano (2009" in text and "Université de Montréal" in text
    assert "TensorFlow (2015; Google" in text
    assert "[2015–2020]" in text


def test_lineage_rejects_unknown_direction_and_relation(kg) -> None:
    with pytest.raises(ValueError, match="direction"):
        kg.lineage("keras", direction="sideways")
    with pytest.raises(ValueError, match="relation"):
        kg.lineage("keras", relations=["forkedFrom"])


def test_frameworks_filters(kg) -> None:
    google_python = {f.slug for f in kg.frameworks(language="python", organization="google")}
    assert {"tensorflow", "jax", "keras"} <= google_python
    assert "pytorch" not in google_python
    discontinued = kg.frameworks(status="discontinued")
    assert {"theano", "caffe", "cntk"} <= {f.slug for f in discontinued}
    assert all(f.discontinued for f in discontinued)


def test_there_are_at_least_forty_frameworks(kg) -> None:
    assert len(kg.frameworks()) >= 40


def test_compare_renders_the_article_style_table(kg) -> None:
    table = kg.compare("tensorflow", "pytorch")
    markdown = table.to_markdown()
    assert markdown.splitlines()[0] == "| | TensorFlow | PyTorch |"
    assert "Google" in table.cell("Developed by", "tensorflow")
    assert "Python" in table.cell("API languages", "pytorch")
    assert "[" in table.cell("Strengths", "tensorflow"), "claims are shown with verdicts"
    assert "<table>" in table._repr_html_()


def test_claims_carry_source_and_verdict(kg) -> None:
    claims = kg.claims("caffe")
    assert claims and {c.polarity for c in claims} == {"strength", "weakness"}
    assert all(c.claimed_by for c in claims)


def test_query_binds_prefixes_and_returns_typed_rows(kg) -> None:
    result = kg.query("SELECT ?f WHERE { ?f fw:builtOn ?b } ORDER BY ?f", bindings={"b": "jax"})
    assert result.variables == ("f",)
    slugs = [row["f"] for row in result.as_dicts()]
    assert {"fwd:flax", "fwd:keras"} <= set(slugs)
    assert kg.query("ASK { fwd:caffe2 fw:mergedInto fwd:pytorch }").boolean is True


def test_query_renders_every_format(kg) -> None:
    result = kg.query(
        "SELECT ?f ?l WHERE { ?f rdfs:label ?l } ORDER BY ?f LIMIT 2", bindings={"f": "keras"}
    )
    assert result.to_table().splitlines()[0].split() == ["f", "l"]
    assert result.to_csv().startswith("f,l\n")
    assert result.to_csv("\t").startswith("f\tl\n")
    assert result.to_json().startswith("[")


@pytest.mark.parametrize(
    "hostile",
    [
        'keras" } UNION { ?f ?p ?o } #',
        "keras> . ?f ?p ?o . <x",
        "} DELETE WHERE { ?s ?p ?o } #",
        "{{{",
        '"; DROP ALL; "',
    ],
)
def test_no_name_can_change_a_query(kg, hostile) -> None:
    before = len(kg.graph)
    with pytest.raises(fwgraph.UnknownEntityError):
        kg.framework(hostile)
    with pytest.raises(fwgraph.UnknownEntityError):
        kg.query("SELECT ?f WHERE { ?f fw:builtOn ?b }", bindings={"b": hostile})
    # As a literal, the same text is bound as a value: it matches nothing and changes nothing.
    result = kg.query("SELECT ?f WHERE { ?f rdfs:label ?l }", bindings={"l": Literal(hostile)})
    assert result.rows == ()
    assert len(kg.graph) == before


def test_repr_html_for_notebooks(kg) -> None:
    assert "<table>" in kg.framework("keras")._repr_html_()
    assert "<pre>" in kg.lineage("keras")._repr_html_()
    assert "<table>" in kg.query("SELECT ?f WHERE { ?f a fw:Framework } LIMIT 1")._repr_html_()


def test_update_applies_and_failed_update_leaves_graph(kg) -> None:
    own = fwgraph.load()
    own.update('INSERT DATA { fwd:keras rdfs:label "Keras"@de }')
    assert own.query('ASK { fwd:keras rdfs:label "Keras"@de }').boolean
    size = len(own.graph)
    with pytest.raises(fwgraph.QuerySyntaxError):
        own.update("INSERT DATA { fwd:keras rdfs:label }")
    assert len(own.graph) == size


@pytest.mark.parametrize(
    ("slug", "year", "expected"),
    [
        ("onnx", 2019, {"MIT"}),
        ("onnx", 2024, {"Apache-2.0"}),
        ("deepspeed", 2021, {"MIT"}),
        ("deepspeed", 2025, {"Apache-2.0"}),
    ],
)
def test_license_changes_over_time(kg, slug, year, expected) -> None:
    licenses = {r.slug for r in kg.framework(slug).values("license", as_of=year)}
    assert licenses == expected


def test_discontinued_frameworks_say_when_and_why(kg) -> None:
    cntk = kg.framework("cntk")
    assert cntk.status == "discontinued"
    assert cntk.discontinued == "2019"
    (status,) = [f for f in cntk.facts_for("status") if not f.valid_until]
    assert status.value == "discontinued"
    assert status.as_of and status.sources
    # Its earlier status is kept, dated: active until it was discontinued.
    assert any(f.value == "active" and f.valid_until for f in cntk.facts_for("status"))
    theano = kg.framework("theano")
    assert theano.discontinued == "2017"
    # Its descendants carry on: Aesara forked it, PyTensor forked Aesara.
    assert {"aesara", "pytensor"} <= set(kg.lineage("theano", direction="descendants").slugs)


def test_a_write_drops_cached_answers_and_the_name_index() -> None:
    own = fwgraph.load()
    with pytest.raises(fwgraph.UnknownEntityError):
        own.resolve("newframe")
    before = [f.slug for f in own.frameworks()]
    own.update(
        'INSERT DATA { fwd:newframe a fw:Framework ; rdfs:label "NewFrame"@en ; '
        "fw:implementedIn fwd:python ; fw:status fw:Active }"
    )
    assert own.resolve("NewFrame") == FWD.newframe
    assert own.framework("newframe").label == "NewFrame"
    assert [f.slug for f in own.frameworks()] == sorted([*before, "newframe"])
    assert "newframe" in [f.slug for f in own.frameworks(language="python")]


def test_a_label_without_language_tag_is_found() -> None:
    own = fwgraph.load()
    own.update('INSERT DATA { fwd:plainlabel a fw:Framework ; rdfs:label "Plain Label" }')
    assert own.resolve("plain label") == FWD.plainlabel
    assert own.framework("plainlabel").label == "Plain Label"


def test_dataframes_for_notebooks(kg) -> None:
    frame = kg.query("SELECT ?f ?y WHERE { ?f fw:firstReleased ?y } ORDER BY ?f").to_dataframe()
    assert list(frame.columns) == ["f", "y"]
    assert "fwd:keras" in set(frame["f"])
    table = kg.compare("tensorflow", "pytorch").to_dataframe()
    assert list(table.columns) == ["tensorflow", "pytorch"]
    assert "Google" in table.loc["Developed by", "tensorflow"]
    with pytest.raises(ValueError, match="no rows"):
        kg.query("ASK { ?s ?p ?o }").to_dataframe()


def test_governance_handed_to_a_foundation_is_time_qualified(kg) -> None:
    pytorch = kg.framework("pytorch")
    before = {r.slug for r in pytorch.values("developedBy", as_of=2021)}
    after = {r.slug for r in pytorch.values("developedBy", as_of=2023)}
    assert "pytorch-foundation" not in before
    assert "pytorch-foundation" in after
    assert "meta" in before


def test_cached_graph_equals_a_fresh_parse(tmp_path, monkeypatch) -> None:
    from fwgraph.engines import files
    from fwgraph.engines.files import parse_turtle_files

    monkeypatch.setenv("FWGRAPH_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(files, "_CACHE", {})
    first = fwgraph.load()  # parses and writes the cache
    assert len(first.graph) > 0
    assert list(tmp_path.glob("packaged-*.pickle"))
    monkeypatch.setattr(files, "_CACHE", {})
    cached = fwgraph.load()  # reads it back
    fresh = parse_turtle_files(files.packaged_files())

    def ground(graph):  # blank-node labels differ between parses; the rest must not
        return {t for t in graph if not any(isinstance(x, BNode) for x in t)}

    assert len(cached.graph) == len(fresh) == len(first.graph)
    assert ground(cached.graph) == ground(fresh)
    assert set(cached.graph) == set(first.graph)
    # Literals come back whole: same lexical form, language, datatype and Python value.
    for term in cached.graph.objects():
        if isinstance(term, Literal):
            again = Literal(str(term), lang=term.language, datatype=term.datatype)
            assert (term.language, term.datatype, term.value) == (
                again.language,
                again.datatype,
                again.value,
            )
    # A damaged cache file is replaced, not trusted.
    (cache_file,) = tmp_path.glob("packaged-*.pickle")
    cache_file.write_bytes(b"not a pickle")
    monkeypatch.setattr(files, "_CACHE", {})
    assert ground(fwgraph.load().graph) == ground(fresh)


def test_a_data_only_graph_reads_its_vocabulary_from_disk_in_the_next_process(tmp_path) -> None:
    """The packaged ontology's answers are kept on disk: a new process neither parses it nor
    runs rdflib's SPARQL, and reads the same relations."""
    import json
    import os
    import subprocess
    import sys

    data = tmp_path / "mine.ttl"
    data.write_text(
        "@prefix fw: <https://w3id.org/fwgraph/ns#> .\n"
        "@prefix fwd: <https://w3id.org/fwgraph/id/> .\n"
        "fwd:a fw:builtOn fwd:b .\n",
        encoding="utf-8",
    )
    script = (
        "import json, sys, fwgraph\n"
        "from fwgraph.analysis import vocabulary\n"
        f"kg = fwgraph.load('oxigraph', extra=[{str(data)!r}], packaged=False, validate=False)\n"
        "relations = vocabulary.lineage_relations(kg.engine)\n"
        "print(json.dumps({'relations': sorted(relations), 'label': relations['builtOn'].label,\n"
        "    'parsed': vocabulary._ontology_engine()._graph is not None,\n"
        "    'sparql': 'rdflib.plugins.sparql.parser' in sys.modules}))\n"
    )
    env = {**os.environ, "FWGRAPH_CACHE_DIR": str(tmp_path / "cache")}
    first, second = (
        json.loads(
            subprocess.run(
                [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True
            ).stdout
        )
        for _ in range(2)
    )
    assert first["relations"] == second["relations"]
    assert "builtOn" in first["relations"]
    assert "mergedInto" in first["relations"]
    assert first["label"] == second["label"] == "built on"
    assert first["parsed"] and first["sparql"]
    assert not second["parsed"] and not second["sparql"]
