"""Project settings: which exist, what each accepts, and the edits that change them.

One list for the Settings dialog and ``factcheck settings``: the organisation that signs
reports and ClaimReview, the public address of the fact-checks, and the verdict rules
(each on or off, and whether a breach warns or blocks export). Every change is a
``SetProjectSetting`` edit, so it is undoable in the window, logged in the history, and
refused on a team project when someone else changed the same setting meanwhile.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from factcheck_app.domain.errors import InvalidInput
from factcheck_app.domain.gates import RULES
from factcheck_app.domain.links import clean_link
from factcheck_app.services.edits import SetProjectSetting

if TYPE_CHECKING:
    from factcheck_app.services.project import Project

TEXT, LINK, CHOICE, NUMBER, LABELS = "text", "link", "choice", "number", "labels"
MAX_SETTING_CHARS = 300


@dataclass(frozen=True, slots=True)
class SettingSpec:
    """A setting as an analyst sees it: a label, a default, and the values it accepts."""

    key: str
    label: str
    kind: str  # text | link | choice | number | labels (a list of verdict labels, stored as JSON)
    default: str = ""
    choices: tuple[tuple[str, str], ...] = ()  # (stored value, label) for a choice
    help: str = ""


SETTINGS: tuple[SettingSpec, ...] = (
    SettingSpec(
        "organisation",
        "Organisation",
        TEXT,
        help="Who signs the Word report's cover and the ClaimReview reviews.",
    ),
    SettingSpec(
        "claimreview_base_url",
        "ClaimReview base URL",
        LINK,
        help="The public page of the fact-checks; a claim's review address is this plus #claim-<id>.",
    ),
    SettingSpec(
        "gates.mode",
        "Before export",
        CHOICE,
        default="warn",
        choices=(("warn", "Warn, then let me export"), ("block", "Block export until the rules are met")),
        help="What a claim breaking an enabled verdict rule does to an export.",
    ),
    *(
        SettingSpec(f"gate.{rule.key}", rule.title, CHOICE, default="on", choices=(("on", "On"), ("off", "Off")))
        for rule in RULES
    ),
    SettingSpec(
        "gate.second_opinion",
        "Approval needs a second verdict that agrees, or a recorded resolution",
        CHOICE,
        default="off",
        choices=(("on", "On"), ("off", "Off")),
        help="Blind second verdicts (Review menu): approving a claim waits for agreement or a resolution.",
    ),
    SettingSpec(
        "corrections.complaint_days",
        "Working days to answer a complaint",
        NUMBER,
        default="7",
        help="A complaint against a published claim is due this many working days (Monday–Friday) after it arrives.",
    ),
    SettingSpec(
        "agreement.ordinal",
        "Ordinal verdict line for agreement",
        LABELS,
        help="Verdict labels from best to worst, separated by commas, that Krippendorff's alpha is computed on "
        "(empty: the scale's own true → false line).",
    ),
)
SETTING_KEYS = tuple(spec.key for spec in SETTINGS)
_BY_KEY = {spec.key: spec for spec in SETTINGS}


def setting_spec(key: str) -> SettingSpec:
    """The setting named ``key`` (``claimreview-base-url`` is read as ``claimreview_base_url``)."""
    spec = _BY_KEY.get(key) or _BY_KEY.get(key.strip().lower().replace("-", "_"))
    if spec is None:
        raise InvalidInput(f"“{key}” is not a project setting; use one of: {', '.join(SETTING_KEYS)}.")
    return spec


def validate_setting(key: str, value: str) -> str:
    """The value as it will be stored, or InvalidInput saying what the setting accepts."""
    spec = setting_spec(key)
    value = " ".join(str(value).split())
    if len(value) > MAX_SETTING_CHARS:
        raise InvalidInput(f"{spec.label} is at most {MAX_SETTING_CHARS} characters long.")
    if spec.kind == LINK:
        return clean_link(value)
    if spec.kind == NUMBER:
        from factcheck_app.domain.corrections import check_complaint_days

        return check_complaint_days(value)
    if spec.kind == LABELS:
        return labels_setting(value)
    if spec.kind == CHOICE:
        wanted = value.casefold()
        for stored, label in spec.choices:
            if wanted in (stored, label.casefold()):
                return stored
        allowed = ", ".join(stored for stored, _label in spec.choices)
        raise InvalidInput(f"{spec.label}: “{value}” is not one of {allowed}.")
    return value


def labels_setting(value: str) -> str:
    """Labels typed "True, Mostly true, …" (or the stored JSON list) as the stored JSON list; "" for none."""
    import json

    text = value.strip()
    if not text:
        return ""
    if text.startswith("["):
        try:
            labels = json.loads(text)
        except ValueError:
            labels = None
        if not isinstance(labels, list) or not all(isinstance(label, str) for label in labels):
            raise InvalidInput("The ordinal verdict line is a list of verdict labels, best first, separated by commas.")
    else:
        labels = [label.strip() for label in text.split(",")]
    labels = [label for label in labels if label]
    if len(labels) < 2 or len(set(labels)) != len(labels):
        raise InvalidInput("The ordinal verdict line needs at least two different verdict labels, best first.")
    return json.dumps(labels, ensure_ascii=False)


def shown_labels(stored: str) -> str:
    """A stored JSON list of labels as the analyst types it ("True, Mostly true, …")."""
    import json

    try:
        labels = json.loads(stored) if stored.strip() else []
    except ValueError:
        return stored
    return ", ".join(str(label) for label in labels) if isinstance(labels, list) else stored


def effective_settings(stored: Mapping[str, str]) -> dict[str, str]:
    """Every known setting with its value, or its default when the project has none."""
    return {spec.key: stored.get(spec.key, spec.default) for spec in SETTINGS}


def project_settings(project: Project) -> dict[str, str]:
    return effective_settings(project.settings())


def setting_edits(shown: Mapping[str, str], wanted: Mapping[str, str]) -> list[SetProjectSetting]:
    """The edits that turn the settings an analyst was shown into the ones they asked for.

    ``shown``: the stored settings as read (absent keys: not set). Only settings whose
    value changes get an edit, each checked against what was shown (a team member's
    change meanwhile is refused, never overwritten). Values are validated first: one bad
    value and no edit is returned.
    """
    cleaned = {setting_spec(key).key: validate_setting(key, value) for key, value in wanted.items()}
    current = effective_settings(shown)
    return [
        SetProjectSetting(key, value, seen=shown.get(key))
        for key, value in cleaned.items()
        if value != current.get(key)
    ]


def change_settings(project: Project, wanted: Mapping[str, str]) -> list[str]:
    """Validate and store ``wanted``; returns the keys that changed (each one logged edit)."""
    edits = setting_edits(project.settings(), wanted)
    for edit in edits:
        project.apply(edit)
    return [edit.key for edit in edits]
