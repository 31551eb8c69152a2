"""A heading's points given without a verb ('I. NỘI DUNG 1 – … (650 điểm; điểm thưởng tối đa 30
điểm)'), once its item is known: the framework says which of them the item is worth. A number
equal to the item's maximum is its maximum, one equal to its bonus's maximum the bonus's, when the
item's score stated elsewhere is another ('Cộng Nội dung 1: 636,5/650 điểm'), or when every number
the heading gives is one of the item's maxima. The value written is the value stored; only its role is chosen."""
from __future__ import annotations

from chamdiem.model.observations import ScoreObservation
from chamdiem.normalizers.frameworks import Framework

EPS = 1e-6


def heading_points_by_framework(framework: Framework, observations: list[ScoreObservation]) -> None:
    """Re-reads the roles of every verbless heading's values by its item's maxima."""
    scored = {}
    for obs in observations:
        if not obs.verbless and obs.criterion_id is not None and "self_score" in obs.values:
            scored.setdefault(obs.criterion_id, obs)
    for obs in observations:
        item = framework.items.get(obs.criterion_id) if obs.verbless and obs.criterion_id else None
        if item is None or item.max is None:
            continue
        roles = _roles(obs, item.max, item.bonus_max)
        other = scored.get(obs.criterion_id)
        # another statement gives the item another score, or every number the heading gives is one of
        # the item's maxima ('(650 điểm; điểm thưởng tối đa 30 điểm)'); a heading's full marks that the
        # sheet or the text repeats stay its score
        differs = other is not None and "self_score" in obs.values and \
            abs(other.values["self_score"].value - obs.values["self_score"].value) > EPS
        maxima = len(roles) == len(obs.values) >= 2 and set(roles) <= {"max_points", "bonus_max"}
        # 'Tiêu chí 10 (10 điểm) – chế độ thông tin, báo cáo; điểm thưởng: thống nhất chấm 7 điểm': the
        # bonus's words are the item's own name where the item has no bonus; its points are its score
        named = item.bonus_max is None and "bonus_self" in roles and "self_score" not in roles
        if named:
            roles = {("self_score" if k == "bonus_self" else k): v for k, v in roles.items()}
        if roles != obs.values and (differs or maxima or named):
            obs.values = roles


def _roles(obs: ScoreObservation, most: float, bonus_most: float | None) -> dict:
    """The heading's values, each equal to the item's maximum or its bonus's as that maximum."""
    out = {}
    for name, value in obs.values.items():
        if name in ("self_score", "max_points") and abs(value.value - most) < EPS:
            out.setdefault("max_points", value)
        elif bonus_most is not None and name in ("max_points", "bonus_self", "bonus_max") \
                and abs(value.value - bonus_most) < EPS:
            out.setdefault("bonus_max", value)
        else:
            out.setdefault(name, value)
    return out
