from zhongshi.experts.models.indicators import IndicatorSystem
from zhongshi.experts.models.profile import ExpertProfile
from zhongshi.experts.models.round import (
    Assignment,
    EvaluationRound,
    PanelOpinion,
    RoundItem,
    ScoreSheet,
    SiteCheck,
)

__all__ = ["Assignment", "EvaluationRound", "ExpertProfile", "IndicatorSystem", "PanelOpinion", "RoundItem",
           "ScoreSheet", "SiteCheck"]
