"""The questions of issue 11, each answered by one CLI command and by one API call.

Every test runs twice, ``cli`` (``fwgraph ...`` in-process, reading the output a
person reads) and ``api`` (one call on the packaged graph), and checks both
against the same expected answer. The expected values were checked against the
sources the data cites:

* TensorFlow 2.0.0: first upload to PyPI on 2019-09-30 (pypi.org/simple/tensorflow).
* PyTorch 2.15.0: the newest version on PyPI when the index was read (2026-12-02).
* Theano's README pointed to the PyMC fork from 2020-09-05 (Aesara from 2021) and
  to PyTensor from 2024-01-15; Torch7's README said on 2018-07-02 that its C back
  ends live on in PyTorch's ATen; Preferred Networks moved from Chainer to
  PyTorch on 2019-12-05.
* Theano ended in September 2017, Caffe's last release is 1.0 (2017), MXNet was
  retired in 2023: all three were active in 2016.
* Keras's LICENSE was MIT from the first commit (2015) through the March 2019
  version until 2020-12-03, when the tf.keras import brought Apache 2.0.
* Haiku and Sonnet are developed by DeepMind, which is part of Google.
* TensorFlow's API documentation lists a Java API; TorchServe's Java is its
  server front end only (its handlers are Python).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import fwgraph
from fwgraph.cli import main

SURFACES = ["cli", "api"]
DATA = Path(__file__).parent / "data"


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    """Run ``fwgraph ARGS`` in-process; the standard output of a successful run."""
    code = main(list(args))
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


def table(text: str) -> list[dict[str, str]]:
    """The rows of an aligned table (header, dashes, rows) as dicts, cut at the dashes."""
    lines = text.splitlines()
    rule = next(i for i, line in enumerate(lines) if line and set(line) <= {"-", " "})
    starts = [m.start() for m in re.finditer(r"-+", lines[rule])]
    ends: list[int | None] = [*starts[1:], None]  # a column runs on to the next one

    def cells(line: str) -> list[str]:
        return [line[a:b].strip() for a, b in zip(starts, ends, strict=True)]

    header = cells(lines[rule - 1])
    return [dict(zip(header, cells(line), strict=True)) for line in lines[rule + 1 :] if line]


def show_rows(text: str) -> dict[str, str]:
    """``fwgraph show``'s ``name  value`` rows."""
    rows = {}
    for line in text.splitlines():
        match = re.fullmatch(r"([a-zA-Z][a-zA-Z ]*?) {2,}(\S.*)", line)
        if match:
            rows[match.group(1)] = match.group(2)
    return rows


def dated(cell: str) -> list[tuple[str, str]]:
    """``"Aesara [2020–2024], PyTensor [2024–]"`` → ``[("Aesara", "2020–2024"), …]``."""
    return re.findall(r"\s*([^,\[]+?)(?: \[([^\]]*)\])?(?:,|$)", cell)


def supported(cell: str) -> set[str]:
    """The "yes" part of a Platforms/Hardware/Features cell (before ``not:``/``unknown:``)."""
    first = cell.split("; ", maxsplit=1)[0]
    if first == "—" or first.startswith(("not", "unknown")):
        return set()
    return set(first.split(", "))


def part(cell: str, prefix: str) -> set[str]:
    """The labels a cell lists after ``prefix`` (``"not: "``, ``"unknown: "``)."""
    for piece in cell.split("; "):
        if piece.startswith(prefix):
            return set(piece.removeprefix(prefix).split(", "))
    return set()


# ------------------------------------------------- "when did TensorFlow 2.0 ship?"


@pytest.mark.parametrize("surface", SURFACES)
def test_when_tensorflow_2_shipped(surface: str, capsys, kg) -> None:
    if surface == "cli":
        dates = {row["version"]: row["date"] for row in table(cli(capsys, "releases", "tf"))}
    else:
        dates = {r.version: r.date for r in kg.releases("tf")}
    assert dates["2.0.0"] == "2019-09-30"
    assert dates["1.0.0"] == "2017-02-15"


# ------------------------------------------------- "what is PyTorch's latest release?"


@pytest.mark.parametrize("surface", SURFACES)
def test_pytorch_latest_release(surface: str, capsys, kg) -> None:
    if surface == "cli":
        rows = table(cli(capsys, "releases", "pytorch"))
        latest = [(r["version"], r["date"], r["kind"]) for r in rows if "latest" in r["kind"]]
    else:
        latest = [
            (r.version, r.date, f"latest (as of {r.as_of})")
            for r in kg.releases("pytorch")
            if r.latest
        ]
    assert latest == [("2.15.0", "2026-10-28", "latest (as of 2026-12-02)")]


# ------------------------------------------------- "what replaced this framework when it stopped?"

SUCCESSORS = {
    "theano": [("Aesara", "2020–2024"), ("PyTensor", "2024–")],
    "torch": [("PyTorch", "2018–")],
    "chainer": [("PyTorch", "2019–")],
}


@pytest.mark.parametrize("surface", SURFACES)
@pytest.mark.parametrize("name", sorted(SUCCESSORS))
def test_what_replaced_a_framework(surface: str, name: str, capsys, kg) -> None:
    if surface == "cli":
        successors = dated(show_rows(cli(capsys, "show", name))["replaced by"])
    else:
        successors = [
            (str(fact.value), fact.period) for fact in kg.framework(name).facts_for("replacedBy")
        ]
    assert successors == SUCCESSORS[name]


@pytest.mark.parametrize("surface", SURFACES)
def test_no_successor_before_the_end(surface: str, capsys, kg) -> None:
    """In 2016 nothing had replaced Theano yet: the answer is 'none', not today's."""
    if surface == "cli":
        row = show_rows(cli(capsys, "show", "theano", "--as-of", "2016"))["replaced by"]
        successors = [] if row == "—" else dated(row)
    else:
        successors = list(kg.framework("theano").values("replacedBy", as_of=2016))
    assert successors == []


# ------------------------------------------------- "what did the field look like in 2016?"

FIELD = ["theano", "caffe", "mxnet"]
STATUS = {
    "2016": ["active", "active", "active"],
    "today": [
        "discontinued (since 2017)",
        "discontinued (since 2017)",
        "discontinued (since 2023)",
    ],
}


@pytest.mark.parametrize("surface", SURFACES)
@pytest.mark.parametrize("when", sorted(STATUS))
def test_the_field_in_2016(surface: str, when: str, capsys, kg) -> None:
    as_of = ["--as-of", when] if when != "today" else []
    if surface == "cli":
        rows = table(cli(capsys, "compare", *FIELD, *as_of))
        status = next(r for r in rows if r[""] == "Status")
        statuses = [status[label] for label in ("Theano", "Caffe", "Apache MXNet")]
    else:
        comparison = kg.compare(*FIELD, as_of=int(when) if when != "today" else None)
        statuses = [comparison.cell("Status", slug) for slug in FIELD]
    assert statuses == STATUS[when]


# ------------------------------------------------- "what license was Keras under in 2018?"

KERAS_LICENSE = {2016: ["MIT"], 2018: ["MIT"], 2019: ["MIT"], 2021: ["Apache-2.0"]}


@pytest.mark.parametrize("surface", SURFACES)
@pytest.mark.parametrize("year", sorted(KERAS_LICENSE))
def test_keras_license_in_a_year(surface: str, year: int, capsys, kg) -> None:
    if surface == "cli":
        out = cli(capsys, "show", "keras", "--as-of", str(year))
        assert out.startswith(f"Keras (keras), as of {year}\n")
        licenses = [name for name, _period in dated(show_rows(out)["license"])]
    else:
        licenses = [str(v) for v in kg.framework("keras").values("license", as_of=year)]
    assert licenses == KERAS_LICENSE[year]


# ------------------------------------------------- "everything Google builds"


@pytest.mark.parametrize("surface", SURFACES)
def test_everything_google_builds(surface: str, capsys, kg) -> None:
    if surface == "cli":
        out = cli(capsys, "frameworks", "--organization", "google")
        heading = out.splitlines()[0]
        assert "Google DeepMind" in heading  # says that the lab's work is included
        assert "Google Brain" in heading
        built = {row["slug"]: row["developed by"] for row in table(out)}
    else:
        built = {
            f.slug: ", ".join(d.label for d in f.developers)
            for f in kg.frameworks(organization="google")
        }
    assert built["haiku"] == "Google DeepMind"  # built by the lab alone, not by "Google"
    assert built["sonnet"] == "Google DeepMind"
    assert {"tensorflow", "jax", "keras", "flax"} <= set(built)
    assert "pytorch" not in built


def test_google_parts_are_what_the_filter_counts(kg) -> None:
    assert [p.slug for p in kg.organization_parts("google")] == ["google-brain", "deepmind"]
    assert [p.slug for p in kg.organization_parts("google", as_of=2024)] == ["deepmind"]
    assert kg.organization_parts("deepmind") == []


# ------------------------------------------------- "which frameworks offer a Java API?"


@pytest.mark.parametrize("surface", SURFACES)
def test_frameworks_with_a_java_api(surface: str, capsys, kg) -> None:
    if surface == "cli":
        api = {row["slug"] for row in table(cli(capsys, "frameworks", "--api-language", "java"))}
        core = {row["slug"] for row in table(cli(capsys, "frameworks", "--implemented-in", "java"))}
    else:
        api = {f.slug for f in kg.frameworks(api_language="java")}
        core = {f.slug for f in kg.frameworks(implemented_in="java")}
    assert {"deeplearning4j", "djl", "tensorflow"} <= api
    assert "torchserve" in core  # its Java is the server front end ...
    assert "torchserve" not in api  # ... so it offers no Java API
    assert "pytorch" not in api


# ------------------------------------------------- compare tensorflow pytorch: no blank reads "no"

ROWS = ("Platforms", "Hardware", "Features")


def _compare_json(surface: str, capsys, kg, *names: str, as_of: int | None = None):
    if surface == "cli":
        when = ["--as-of", str(as_of)] if as_of is not None else []
        return json.loads(cli(capsys, "compare", *names, *when, "--format", "json"))
    return kg.compare(*names, as_of=as_of).to_dict()


@pytest.mark.parametrize("surface", SURFACES)
def test_compare_tensorflow_pytorch(surface: str, capsys, kg) -> None:
    cells = _compare_json(surface, capsys, kg, "tf", "pt")
    assert "automatic differentiation" in supported(cells["tensorflow"]["Features"])
    assert "distributed training" in supported(cells["pytorch"]["Features"])
    columns = kg.query("SELECT ?c WHERE { ?c fw:comparisonColumn true }").rows
    labels = {kg.label(row[0]) for row in columns}
    assert len(labels) == 19
    for slug in ("tensorflow", "pytorch"):
        assert all(cell.strip() for cell in cells[slug].values())
        named = set()
        for row in ROWS:
            cell = cells[slug][row]
            named |= supported(cell) | part(cell, "not: ") | part(cell, "unknown: ")
        assert labels <= named, f"{slug}: a matrix column left blank: {labels - named}"


@pytest.mark.parametrize("surface", SURFACES)
def test_compare_as_of_says_what_did_not_hold_yet(surface: str, capsys, kg) -> None:
    cells = _compare_json(surface, capsys, kg, "tensorflow", "pytorch", as_of=2018)
    hardware = cells["pytorch"]["Hardware"]
    assert "Apple Metal" not in supported(hardware)
    assert part(hardware, "not in 2018: ") == {"Apple Metal [2022–]"}


@pytest.fixture(scope="module")
def with_tinynet():
    """The packaged graph plus a made-up framework whose matrix cells are all unanswered."""
    return fwgraph.load(extra=[DATA / "good-framework.ttl"])


@pytest.mark.parametrize("surface", SURFACES)
def test_a_cell_without_data_reads_unknown(surface: str, capsys, with_tinynet) -> None:
    if surface == "cli":
        cells = json.loads(
            cli(
                capsys,
                *("compare", "tinynet", "pytorch", "--format", "json"),
                *("--data", str(DATA / "good-framework.ttl")),
            )
        )
    else:
        cells = with_tinynet.compare("tinynet", "pytorch").to_dict()
    platforms = {"Android", "iOS", "Linux", "macOS", "web browser", "Windows"}
    assert cells["tinynet"]["Platforms"] == "unknown: " + ", ".join(
        sorted(platforms, key=str.casefold)
    )
    assert part(cells["tinynet"]["Features"], "unknown: ") >= {
        "automatic differentiation",
        "distributed training",
    }
    assert supported(cells["tinynet"]["Hardware"]) == set()


# ------------------------------------------------- common short names


ALIASES = {
    "tf": "tensorflow",
    "tfjs": "tensorflow-js",
    "dl4j": "deeplearning4j",
    "mx": "mxnet",
    "pt": "pytorch",
}


@pytest.mark.parametrize("surface", SURFACES)
@pytest.mark.parametrize("alias", sorted(ALIASES))
def test_short_names_resolve(surface: str, alias: str, capsys, kg) -> None:
    if surface == "cli":
        first = cli(capsys, "show", alias).splitlines()[0]
        slug = first.rsplit(" (", 1)[1].removesuffix(")")
    else:
        slug = kg.framework(alias).slug
    assert slug == ALIASES[alias]
