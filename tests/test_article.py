"""Everything the seed article says is in the graph, cited to it, with a verdict.

The article (shared/seeds/000_6435db7f07602e16.txt) compares Theano, Torch7,
PyTorch, TensorFlow, Caffe, Keras and CNTK. Its facts are truthy triples whose
statement nodes cite ``fwd:src-article-2017``; its judgements are claims with a
verdict as of today and evidence.
"""

from __future__ import annotations

import pytest
from rdflib import URIRef
from rdflib.namespace import PROV, RDF

from fwgraph import FW, FWD

ARTICLE = FWD["src-article-2017"]

# (subject, property, object) as the article states them.
ARTICLE_FACTS = [
    ("theano", "homepage", URIRef("http://deeplearning.net/software/theano/")),
    ("theano", "specializesIn", "computer-vision"),
    ("theano", "specializesIn", "autoencoders"),
    ("theano", "specializesIn", "deep-neural-networks"),
    ("theano", "supports", "convolutional-networks"),
    ("keras", "builtOn", "theano"),
    ("torch", "apiLanguage", "lua"),
    ("torch", "homepage", URIRef("http://torch.ch/")),
    ("torch", "hardware", "cuda"),
    ("pytorch", "developedBy", "meta"),
    ("pytorch", "apiLanguage", "python"),
    ("pytorch", "repository", URIRef("https://github.com/pytorch/pytorch")),
    ("pytorch", "supports", "dynamic-computation-graph"),
    ("pytorch", "derivedFrom", "torch"),
    ("tensorflow", "developedBy", "google"),
    ("tensorflow", "homepage", URIRef("https://www.tensorflow.org/")),
    ("tensorflow", "influencedBy", "theano"),
    ("tensorflow", "apiLanguage", "cpp"),
    ("tensorflow", "apiLanguage", "python"),
    ("tensorflow", "implementedIn", "cpp"),
    ("tensorflow", "specializesIn", "reinforcement-learning"),
    ("tensorflow", "supports", "visualization-tool"),
    ("tensorflow", "supports", "distributed-training"),
    ("tensorflow", "hardware", "cpu"),
    ("tensorflow", "hardware", "cuda"),
    ("caffe", "specializesIn", "computer-vision"),
    ("caffe", "implementedIn", "cpp"),
    ("caffe", "apiLanguage", "cpp"),
    ("caffe", "apiLanguage", "python"),
    ("caffe", "homepage", URIRef("http://caffe.berkeleyvision.org/")),
    ("caffe", "supports", "convolutional-networks"),
    ("keras", "builtOn", "tensorflow"),
    ("keras", "apiLanguage", "python"),
    ("keras", "createdBy", "francois-chollet"),
    ("keras", "repository", URIRef("https://github.com/keras-team/keras")),
    ("cntk", "developedBy", "microsoft"),
    ("cntk", "repository", URIRef("https://github.com/Microsoft/CNTK")),
    ("cntk", "implementedIn", "cpp"),
    ("cntk", "apiLanguage", "python"),
    ("cntk", "supports", "convolutional-networks"),
]

# Every strength, weakness and checkable statement, by framework.
ARTICLE_CLAIMS = {
    "theano": [
        "array-library",
        "foundation-for-libraries",
        "specialized",
        "released-2008",
        "most-popular",
        "complex",
        "single-gpu",
        "error-messages",
        "compile-time",
    ],
    "torch": ["early-1990s", "modular", "easy-gpu", "lua-easy", "lua-ecosystem"],
    "pytorch": ["released-2017", "dynamic-graph"],
    "tensorflow": [
        "most-preferred",
        "made-by-google",
        "replaces-theano",
        "cpp-engine",
        "no-java-scala",
        "rl-algorithms",
        "faster-compile",
        "tensorboard",
        "cpu-gpu-parallel",
        "distributed",
        "no-commercial-support",
        "few-pretrained",
        "platform-optimization",
        "high-entry-barrier",
    ],
    "caffe": [
        "fast-cnn",
        "matlab-origin",
        "vision-only",
        "cpp-python",
        "poor-extensibility",
        "no-commercial-support",
        "not-for-recurrent",
        "not-for-large-networks",
        "slow-updates",
        "no-distributed-api",
    ],
    "keras": [
        "on-theano-tensorflow",
        "intuitive-api",
        "google-developer",
        "fast-growing",
        "easier-than-tensorflow",
        "python-standard",
    ],
    "cntk": ["open-source", "algorithms", "cpp-python"],
}
CLAIMS = [(f, f"claim-{f}-{gist}") for f, gists in ARTICLE_CLAIMS.items() for gist in gists]


def _node(value: object) -> URIRef:
    return value if isinstance(value, URIRef) else FWD[str(value)]


@pytest.mark.parametrize(("subject", "prop", "obj"), ARTICLE_FACTS)
def test_article_fact_is_in_the_graph_and_cited_to_the_article(kg, subject, prop, obj) -> None:
    s, p, o = FWD[subject], FW[prop], _node(obj)
    assert (s, p, o) in kg.graph
    cited = set()
    for st in kg.graph.subjects(RDF.subject, s):
        if (st, RDF.predicate, p) in kg.graph and (st, RDF.object, o) in kg.graph:
            cited |= set(kg.graph.objects(st, PROV.wasDerivedFrom))
    assert ARTICLE in cited


def test_the_seven_frameworks_are_there_with_english_and_korean_names(kg) -> None:
    for slug in ARTICLE_CLAIMS:
        fw = kg.framework(slug)
        assert fw.label and fw.comment
    # Korean names where one is in use.
    assert kg.framework("keras").label_ko == "케라스"
    assert kg.framework("tensorflow").label_ko
    assert kg.framework("pytorch").label_ko


@pytest.mark.parametrize(("framework", "slug"), CLAIMS)
def test_article_claim_has_text_verdict_and_evidence(kg, framework, slug) -> None:
    claims = {c.slug: c for c in kg.claims(framework)}
    assert slug in claims, f"{slug} missing from {framework}"
    claim = claims[slug]
    assert claim.text_en and claim.text_ko
    assert claim.polarity in {"strength", "weakness"}
    assert claim.aspects
    assert claim.verdict in {"holds", "outdated", "false", "disputed", "unverified"}
    assert claim.verdict_date is not None and claim.verdict_date >= "2026-11-26"
    assert claim.verdict_note_en and claim.verdict_note_ko
    assert [s.slug for s in claim.claimed_by] == ["src-article-2017"]
    if claim.verdict != "unverified":
        assert claim.evidence


def test_claims_that_were_wrong_are_not_silently_fixed(kg) -> None:
    verdicts = {c.slug: c.verdict for c in kg.claims()}
    # Torch dates from 2002 (Idiap), not the early 1990s.
    assert verdicts["claim-torch-early-1990s"] == "false"
    # TensorFlow has had Java bindings since 1.0 (2017).
    assert verdicts["claim-tensorflow-no-java-scala"] in {"outdated", "false"}
    # Keras no longer runs on Theano (2.4, 2020) and now runs on JAX and PyTorch too.
    assert verdicts["claim-keras-on-theano-tensorflow"] == "outdated"
    # The graph keeps the correct date as a fact and the article's as a claim.
    assert kg.framework("theano").first_released != "2008"
    assert verdicts["claim-theano-released-2008"] in {"false", "disputed"}


def test_the_article_is_a_source_in_korean(kg) -> None:
    assert (ARTICLE, RDF.type, FW.Source) in kg.graph
    assert str(kg.graph.value(ARTICLE, FW.language)) == "ko"


def test_present_tense_claims_on_discontinued_frameworks_are_judged_as_of_today(kg) -> None:
    # "Caffe runs convolutional networks quickly" was true in 2017; Caffe has been in
    # maintenance since 2017 and no longer builds against current CUDA, so it is outdated.
    claim = {c.slug: c for c in kg.claims("caffe")}["claim-caffe-fast-cnn"]
    assert claim.verdict == "outdated"
    assert claim.verdict_date == "2026-12-02"
    assert "src-c2-caffe-issue-6970" in {s.slug for s in claim.evidence}
