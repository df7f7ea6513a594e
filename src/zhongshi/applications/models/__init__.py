from zhongshi.applications.models.application import Application, ApplicationFigures, ApplicationRound, EvidenceFile

__all__ = ["Application", "ApplicationFigures", "ApplicationRound", "EvidenceFile"]
