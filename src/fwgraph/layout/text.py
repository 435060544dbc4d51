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
        "arrow": "arrows: older → newer",
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
        "arrow": "화살표: 먼저 나온 것 → 나중 것",
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
