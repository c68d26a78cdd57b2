"""Who offers credentials: the hand-written demo providers and generated synthetic ones."""

from __future__ import annotations

import random
from dataclasses import dataclass

from skillgraph.model.enums import CredentialKind, ProviderKind
from skillgraph.seed.naming import slugify
from skillgraph.seed.rows import Row

__all__ = ["DEMO_PROVIDERS", "OFFERS", "Provider", "synthetic_provider"]

_K = ProviderKind
_C = CredentialKind

# What each kind of provider typically issues.
OFFERS: dict[ProviderKind, tuple[CredentialKind, ...]] = {
    _K.UNIVERSITY: (_C.CERTIFICATE, _C.MICRO_CREDENTIAL, _C.COURSE),
    _K.COMPANY: (_C.CERTIFICATION, _C.COURSE, _C.BADGE, _C.MICRO_CREDENTIAL),
    _K.PROFESSIONAL_BODY: (_C.CERTIFICATION, _C.CERTIFICATE, _C.BADGE),
    _K.PLATFORM: (_C.COURSE, _C.NANODEGREE, _C.MICRO_CREDENTIAL, _C.BADGE, _C.CERTIFICATE),
    _K.EMPLOYER: (_C.BADGE, _C.COURSE, _C.OTHER),
    _K.OTHER: (_C.OTHER, _C.BADGE, _C.COURSE),
}


@dataclass(frozen=True, slots=True)
class Provider:
    uri: str
    name: str
    kind: ProviderKind
    country: str
    accreditations: tuple[str, ...] = ()

    @property
    def url(self) -> str:
        return f"https://www.{slugify(self.name)}.example"

    def row(self) -> Row:
        return {
            "uri": self.uri,
            "name": self.name,
            "kind": self.kind.value,
            "url": self.url,
            "country": self.country,
            "accredited": bool(self.accreditations),
            "accreditations": list(self.accreditations),
        }


def _demo(name: str, kind: ProviderKind, country: str, *accreditations: str) -> Provider:
    uri = f"https://demo.skillgraph.dev/providers/{slugify(name)}"
    return Provider(uri, name, kind, country, accreditations)


DEMO_PROVIDERS: tuple[Provider, ...] = (
    _demo("Northbridge University", _K.UNIVERSITY, "GB", "QAA", "BCS Accredited Degree"),
    _demo("Technische Hochschule Rheinland", _K.UNIVERSITY, "DE", "AQAS"),
    _demo("Université Numérique de Lyon", _K.UNIVERSITY, "FR", "HCERES"),
    _demo("Lakeshore State University", _K.UNIVERSITY, "US", "HLC"),
    _demo("Dublin Institute of Computing", _K.UNIVERSITY, "IE", "QQI"),
    _demo("CloudSkills Academy", _K.COMPANY, "US"),
    _demo("Datastream Labs", _K.COMPANY, "NL", "ISO 9001"),
    _demo("Kernel & Co Training", _K.COMPANY, "DE"),
    _demo("Sakura Tech Institute", _K.COMPANY, "JP"),
    _demo("Nordic Code School", _K.COMPANY, "SE", "Myndigheten för yrkeshögskolan"),
    _demo("Institute of Data Professionals", _K.PROFESSIONAL_BODY, "GB", "Royal Charter"),
    _demo("European Cyber Security Council", _K.PROFESSIONAL_BODY, "BE", "ISO/IEC 17024"),
    _demo("Association for Software Quality", _K.PROFESSIONAL_BODY, "US", "ANSI ISO 17024"),
    _demo("Society of Network Engineers", _K.PROFESSIONAL_BODY, "IE"),
    _demo("LearnLoop", _K.PLATFORM, "US"),
    _demo("SkillForge Online", _K.PLATFORM, "GB"),
    _demo("OpenCampus MOOC", _K.PLATFORM, "ES", "ECTS Recognised"),
    _demo("CodeQuest", _K.PLATFORM, "CA"),
    _demo("Meridian Bank", _K.EMPLOYER, "GB"),
    _demo("Helix Logistics", _K.EMPLOYER, "DE"),
    _demo("Aurora Health Systems", _K.EMPLOYER, "US"),
    _demo("Tessellate Games", _K.EMPLOYER, "CA"),
    _demo("Code for Community Foundation", _K.OTHER, "NL"),
    _demo("Women in Tech Collective", _K.OTHER, "ES"),
    _demo("Civic Digital Lab", _K.OTHER, "PT"),
)

_PLACES = (
    "Ashford", "Brightwater", "Calder", "Dunmore", "Eastgate", "Fairhaven", "Glenrock",
    "Harborview", "Ironbridge", "Juniper", "Kingsmere", "Lindenberg", "Marlowe", "Northwind",
    "Oakridge", "Pinecrest", "Queensbury", "Riverside", "Stonehill", "Thornbury", "Upland",
    "Valemont", "Westbrook", "Yarrow", "Zephyr",
)  # fmt: skip
_FIELDS = ("Computing", "Data", "Cloud", "Security", "Software", "Digital", "Network",
           "Design", "Engineering", "Analytics")  # fmt: skip
_COUNTRIES = ("GB", "US", "DE", "FR", "NL", "IE", "ES", "IT", "SE", "JP", "CA", "IN", "AU",
              "PL", "PT", "SG", "CH", "FI")  # fmt: skip
_FORMS: dict[ProviderKind, tuple[str, ...]] = {
    _K.UNIVERSITY: ("{p} University", "University of {p}", "{p} Institute of Technology"),
    _K.COMPANY: ("{p} {f} Academy", "{f}Works {p}", "{p} {f} Training"),
    _K.PROFESSIONAL_BODY: ("Institute of {f} Professionals {p}", "{p} {f} Society"),
    _K.PLATFORM: ("{f}Hub {p}", "Learn{f} {p}", "{p} Online"),
    _K.EMPLOYER: ("{p} Bank", "{p} Logistics", "{p} Health", "{p} Energy", "{p} Retail"),
    _K.OTHER: ("{p} {f} Foundation", "{p} Community Lab"),
}
_KIND_WEIGHTS = {_K.UNIVERSITY: 20, _K.COMPANY: 30, _K.PROFESSIONAL_BODY: 10,
                 _K.PLATFORM: 15, _K.EMPLOYER: 15, _K.OTHER: 10}  # fmt: skip
_ACCREDITORS = ("ISO 9001", "ISO/IEC 17024", "National Qualifications Authority", "ECTS")


def synthetic_provider(rng: random.Random, number: int) -> Provider:
    """Provider ``number``; its name carries the number, so names never repeat."""
    kind = rng.choices(tuple(_KIND_WEIGHTS), weights=tuple(_KIND_WEIGHTS.values()))[0]
    name = rng.choice(_FORMS[kind]).format(p=rng.choice(_PLACES), f=rng.choice(_FIELDS))
    accredited = kind in (_K.UNIVERSITY, _K.PROFESSIONAL_BODY) or rng.random() < 0.2
    accreditations = tuple(rng.sample(_ACCREDITORS, rng.randint(1, 2))) if accredited else ()
    return Provider(
        uri=f"https://synthetic.skillgraph.dev/providers/{number}",
        name=f"{name} {number}",
        kind=kind,
        country=rng.choice(_COUNTRIES),
        accreditations=accreditations,
    )
