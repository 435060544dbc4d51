"""The words the drawings and the HTML view print, in English and Korean.

Plain data, no imports: :mod:`fwgraph.draw` checks ``lang`` against :data:`TEXT`.
"""

from __future__ import annotations

__all__ = ["KIND_KO", "TEXT"]

#: Language → key → text; ``{…}`` fields are filled with :meth:`str.format`.
TEXT = {
    "en": {
        "lineage": "Lineage of deep-learning frameworks",
        "organizations": "Who builds which framework",
        "languages": "Languages of deep-learning frameworks",
        "ego": "{center} and its neighbourhood (radius {radius})",
        "as_of": "as of {year}",
        "family": "{name} family",
        "independent": "other frameworks",
        "unknown": "year\nunknown",
        "left_out": "{n} without a release year left out",
        "year": "first release",
        "active": "active",
        "maintenance": "maintenance",
        "discontinued": "discontinued (†year)",
        "no_status": "status not recorded",
        "ended": "relation ended",
        "arrow": "an arrow reads as its relation: A → B, A built on B",
        "arrow_reads": "An arrow reads as its relation: Keras → TensorFlow means "
        "“Keras is built on TensorFlow”; Caffe2 → PyTorch, “Caffe2 merged into PyTorch”.",
        "search": "Find a framework (name or alias)",
        "slider": "Year",
        "fit": "Show all",
        "open": "Open its page →",
        "sources": "Sources:",
        "period": "When:",
        "shown": "{n} frameworks, {m} relations",
        "status": "status",
        "ended_in": "ended",
        "license": "license",
        "developers": "developed by",
        "core_api": "implemented in + API",
        "implementedIn": "implemented in",
        "apiLanguage": "API language only",
    },
    "ko": {
        "lineage": "딥러닝 프레임워크 계보",
        "organizations": "프레임워크를 만드는 조직과 사람",
        "languages": "딥러닝 프레임워크의 언어",
        "ego": "{center} 주변 관계 (반경 {radius})",
        "as_of": "{year}년 기준",
        "family": "{name} 계열",
        "independent": "기타 프레임워크",
        "unknown": "출시 연도\n미상",
        "left_out": "출시 연도 미상 {n}개 제외",
        "year": "최초 공개",
        "active": "활발히 개발 중",
        "maintenance": "유지 보수",
        "discontinued": "개발 중단 (†연도)",
        "no_status": "상태 기록 없음",
        "ended": "끝난 관계",
        "arrow": "화살표는 관계를 읽는 방향: A → B는 A가 B를 기반으로 함",
        "arrow_reads": "화살표는 관계를 읽는 방향입니다: Keras → TensorFlow는 "
        "“Keras는 TensorFlow를 기반으로 함”, Caffe2 → PyTorch는 “Caffe2가 PyTorch에 통합됨”.",
        "search": "프레임워크 찾기 (이름 또는 별칭)",
        "slider": "연도",
        "fit": "전체 보기",
        "open": "문서 열기 →",
        "sources": "출처:",
        "period": "기간:",
        "shown": "프레임워크 {n}개, 관계 {m}개",
        "status": "상태",
        "ended_in": "중단",
        "license": "라이선스",
        "developers": "개발",
        "core_api": "구현 언어 + API",
        "implementedIn": "구현 언어",
        "apiLanguage": "API 언어만",
    },
}

#: Kind of resource → its Korean name in legends.
KIND_KO = {
    "framework": "프레임워크",
    "organization": "조직",
    "person": "사람",
    "language": "언어",
    "feature": "기능",
    "hardware": "하드웨어",
    "platform": "플랫폼",
    "domain": "분야",
    "claim": "주장",
}
