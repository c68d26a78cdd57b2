"""Parsing and validating Open Badges 3.0 Achievements and OpenBadgeCredentials.

Accepted: an Achievement, an OpenBadgeCredential/AchievementCredential in the VC 2.0 shape
(``validFrom``/``validUntil``) or the VC 1.1 shape (``issuanceDate``/``expirationDate``), or
an array mixing them. Only what SkillGraph stores is validated; proofs are ignored (not
verified).

Decisions:
- a Profile given as a bare id, or as an object without ``name`` (the OB 3.0 schema only
  requires id and type), becomes a provider with ``name`` None;
- an award's issuedAt is ``awardedDate`` (the original award, kept across re-issues), else
  ``validFrom``, else ``issuanceDate``;
- the earner is ``credentialSubject.id`` and/or unhashed ``identifier`` entries (emailAddress
  matches Person.email, any other type matches Person.uri); hashed identities cannot be
  matched and are ignored, so a subject with only hashed ones is an error;
- the same achievement, or profile, in several documents must be described the same way.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime

from skillgraph.importers.achievement import credential_kind
from skillgraph.importers.badgebundle import (
    BadgeAward,
    BadgeCredential,
    BadgeProvider,
    BadgeTeaching,
    OpenBadgesBundle,
)
from skillgraph.importers.jsonreader import JsonObject, JsonReader, child
from skillgraph.importers.problems import DocumentProblem, OpenBadgesError, ProblemLog
from skillgraph.importers.values import (
    MAX_DESCRIPTION,
    MAX_NAME,
    dedupe,
    email_problem,
    uri_problem,
)

__all__ = [
    "MAX_DOCUMENTS",
    "VC_V1_CONTEXT",
    "VC_V2_CONTEXT",
    "parse_openbadges",
    "parse_openbadges_json",
]

MAX_DOCUMENTS = 1000
VC_V2_CONTEXT = "https://www.w3.org/ns/credentials/v2"
VC_V1_CONTEXT = "https://www.w3.org/2018/credentials/v1"
_CREDENTIAL_TYPES = frozenset({"OpenBadgeCredential", "AchievementCredential"})
_ISSUED = ("awardedDate", "validFrom", "issuanceDate")
_EXPIRES = ("validUntil", "expirationDate")


def parse_openbadges(document: object, *, max_documents: int = MAX_DOCUMENTS) -> OpenBadgesBundle:
    """Validates decoded JSON (one document or an array of them) and returns what it holds.

    Raises OpenBadgesError listing every problem (first 100) by JSONPath, e.g.
    ``$[2].credentialSubject.achievement.name``; nothing is returned unless all is valid.
    """
    if isinstance(document, list):
        if not document:
            raise OpenBadgesError([DocumentProblem("$", "is an empty array; give documents")])
        if len(document) > max_documents:
            raise OpenBadgesError(
                [
                    DocumentProblem(
                        "$",
                        f"holds {len(document)} documents; at most {max_documents} per call, "
                        "so split the array",
                    )
                ]
            )
        items = [(child("$", i), item) for i, item in enumerate(document)]
    else:
        items = [("$", document)]
    builder = _Builder()
    for path, item in items:
        builder.document(item, path)
    return builder.bundle(len(items))


def parse_openbadges_json(
    text: str | bytes, *, max_documents: int = MAX_DOCUMENTS
) -> OpenBadgesBundle:
    """``parse_openbadges`` on JSON text; invalid JSON raises OpenBadgesError too."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        message = f"is not valid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}"
        raise OpenBadgesError([DocumentProblem("$", message)]) from None
    except UnicodeDecodeError:
        raise OpenBadgesError([DocumentProblem("$", "is not UTF-8 encoded JSON")]) from None
    except RecursionError:
        raise OpenBadgesError([DocumentProblem("$", "is nested too deeply")]) from None
    return parse_openbadges(document, max_documents=max_documents)


class _Builder:
    def __init__(self) -> None:
        self.log: ProblemLog[DocumentProblem] = ProblemLog()
        self.read = JsonReader(self.log)
        self.providers: dict[str, BadgeProvider] = {}
        self.credentials: dict[str, BadgeCredential] = {}
        self.teaches: dict[str, tuple[BadgeTeaching, ...]] = {}
        self.awards: list[BadgeAward] = []

    def bundle(self, documents: int) -> OpenBadgesBundle:
        if self.log:
            raise OpenBadgesError(self.log.problems, total=self.log.total)
        return OpenBadgesBundle(
            providers=tuple(self.providers.values()),
            credentials=tuple(self.credentials.values()),
            teaches=tuple(t for group in self.teaches.values() for t in group),
            awards=tuple(self.awards),
            documents=documents,
        )

    def document(self, value: object, path: str) -> None:
        obj = self.read.mapping(value, path, "an Achievement or OpenBadgeCredential")
        if obj is None:
            return
        types = self.read.types(obj, path)
        if types is None:
            return
        if _CREDENTIAL_TYPES.intersection(types):
            self._credential_document(obj, path)
        elif "Achievement" in types:
            self._achievement(obj, path, issuer_uri=None)
        else:
            self.read.problem(
                child(path, "type"),
                f"is {list(types)}; expected Achievement, OpenBadgeCredential or "
                "AchievementCredential",
            )

    def _credential_document(self, obj: JsonObject, path: str) -> None:
        self._context(obj, path)
        issuer_uri: str | None = None
        if "issuer" in obj:
            issuer_uri = self._profile(obj["issuer"], child(path, "issuer"))
        else:
            self.read.problem(child(path, "issuer"), "is required; give the issuer's Profile")
        subject_path = child(path, "credentialSubject")
        subject = self.read.member(obj, "credentialSubject", path, "an AchievementSubject")
        issued_at, expires_at = self._validity(obj, path)
        source_id = self.read.uri(obj, "id", path)
        if subject is None:
            return
        achievement = self.read.member(subject, "achievement", subject_path, "an Achievement")
        credential_uri = None
        if achievement is not None:
            achievement_path = child(subject_path, "achievement")
            credential_uri = self._achievement(achievement, achievement_path, issuer_uri)
        subject_uris, emails = self._earner(subject, subject_path)
        if credential_uri is None or issued_at is None or not (subject_uris or emails):
            return
        self.awards.append(
            BadgeAward(credential_uri, subject_uris, emails, issued_at, expires_at, source_id, path)
        )

    def _context(self, obj: JsonObject, path: str) -> None:
        context = obj.get("@context")
        first = context[0] if isinstance(context, list) and context else context
        if first not in (VC_V2_CONTEXT, VC_V1_CONTEXT):
            self.read.problem(
                child(path, "@context"),
                f"must start with {VC_V2_CONTEXT} (VC 2.0) or {VC_V1_CONTEXT} (VC 1.1)",
            )

    def _validity(self, obj: JsonObject, path: str) -> tuple[datetime | None, datetime | None]:
        before = self.log.total
        issued = [(key, self.read.timestamp(obj, key, path)) for key in _ISSUED]
        expires = [(key, self.read.timestamp(obj, key, path)) for key in _EXPIRES]
        issued_key, issued_at = next(((k, v) for k, v in issued if v is not None), ("", None))
        if issued_at is None and self.log.total == before:
            self.read.problem(
                child(path, "validFrom"),
                "is required; give validFrom (VC 2.0) or issuanceDate (VC 1.1)",
            )
        expires_key, expires_at = next(((k, v) for k, v in expires if v is not None), ("", None))
        if issued_at is not None and expires_at is not None and expires_at <= issued_at:
            self.read.problem(
                child(path, expires_key),
                f"must be after {issued_key} ({issued_at.isoformat()})",
            )
        return issued_at, expires_at

    def _earner(self, subject: JsonObject, path: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        uris: list[str] = []
        emails: list[str] = []
        subject_id = self.read.uri(subject, "id", path)
        if subject_id is not None:
            uris.append(subject_id)
        before = self.log.total
        for item_path, item in self.read.items(subject, "identifier", path):
            identity = self.read.mapping(item, item_path, "an IdentityObject")
            if identity is None:
                continue
            identity_type = self.read.text(
                identity, "identityType", item_path, required="e.g. emailAddress"
            )
            value = self.read.text(
                identity, "identityHash", item_path, required="the identifier (or its hash)"
            )
            hashed = identity.get("hashed")
            if not isinstance(hashed, bool):
                self.read.problem(child(item_path, "hashed"), "is required; give true or false")
            if hashed is not False or identity_type is None or value is None:
                continue
            if identity_type == "emailAddress":
                email = value.removeprefix("mailto:").lower()
                problem = email_problem(email)
                if problem is not None:
                    self.read.problem(child(item_path, "identityHash"), problem)
                    continue
                emails.append(email)
            else:
                uris.append(value)
        if not uris and not emails and self.log.total == before and "id" not in subject:
            self.read.problem(
                path,
                "names no earner; give credentialSubject.id or an identifier with hashed "
                "false (hashed identities cannot be matched)",
            )
        return dedupe(uris), dedupe(emails)

    def _profile(self, value: object, path: str) -> str | None:
        """Registers the provider; returns its uri."""
        if isinstance(value, str):
            bare = value.strip()
            problem = uri_problem(bare) if bare else "is empty"
            if problem is not None:
                self.read.problem(path, f"{problem}; give the profile's URI")
                return None
            self._add_provider(BadgeProvider(bare, None, None, path))
            return bare
        profile = self.read.mapping(value, path, "a Profile or its id")
        if profile is None:
            return None
        uri = self.read.uri(profile, "id", path, required="the profile's URI")
        name = self.read.text(profile, "name", path, limit=MAX_NAME)
        url = self.read.uri(profile, "url", path)
        if uri is not None:
            self._add_provider(BadgeProvider(uri, name, url, path))
        return uri

    def _add_provider(self, provider: BadgeProvider) -> None:
        first = self.providers.setdefault(provider.uri, provider)
        if first is provider:
            return
        for field, old, new in (
            ("name", first.name, provider.name),
            ("url", first.url, provider.url),
        ):
            if old is not None and new is not None and old != new:
                self.read.problem(
                    provider.path,
                    f"profile {provider.uri} has {field} {new!r} here but {old!r} at "
                    f"{first.path}; use one {field}",
                )
                return
        self.providers[provider.uri] = replace(
            first, name=first.name or provider.name, url=first.url or provider.url
        )

    def _achievement(self, obj: JsonObject, path: str, issuer_uri: str | None) -> str | None:
        """Registers the credential, its provider and alignments; returns its uri."""
        types = self.read.types(obj, path)
        if types is not None and "Achievement" not in types:
            self.read.problem(child(path, "type"), f"is {list(types)}; it must include Achievement")
        uri = self.read.uri(obj, "id", path, required="the achievement's URI")
        name = self.read.text(obj, "name", path, required="a non-empty name", limit=MAX_NAME)
        description = self.read.text(obj, "description", path, limit=MAX_DESCRIPTION)
        kind = credential_kind(self.read.text(obj, "achievementType", path))
        url = self.read.uri(obj, "url", path)
        criteria = obj.get("criteria")
        if url is None and isinstance(criteria, dict):
            url = self.read.uri(criteria, "id", child(path, "criteria"))
        provider_uri = issuer_uri
        if "creator" in obj:
            provider_uri = self._profile(obj["creator"], child(path, "creator"))
        teaches = self._alignments(obj, path, uri or "")
        if uri is None or name is None:
            return uri
        credential = BadgeCredential(uri, name, description, kind, url, provider_uri, path)
        first = self.credentials.setdefault(uri, credential)
        if first is credential:
            self.teaches[uri] = teaches
        elif replace(credential, path=first.path) != first or {t.skill_uri for t in teaches} != {
            t.skill_uri for t in self.teaches[uri]
        }:
            self.read.problem(
                path,
                f"achievement {uri} differs from its definition at {first.path}; "
                "describe it the same way everywhere",
            )
        return uri

    def _alignments(
        self, obj: JsonObject, path: str, credential_uri: str
    ) -> tuple[BadgeTeaching, ...]:
        teaches: dict[str, BadgeTeaching] = {}
        for item_path, item in self.read.items(obj, "alignment", path):
            alignment = self.read.mapping(item, item_path, "an Alignment")
            if alignment is None:
                continue
            target = self.read.uri(
                alignment, "targetUrl", item_path, required="the aligned skill's URI"
            )
            target_name = self.read.text(alignment, "targetName", item_path)
            if target is not None and target not in teaches:
                target_path = child(item_path, "targetUrl")
                teaches[target] = BadgeTeaching(credential_uri, target, target_name, target_path)
        return tuple(teaches.values())
