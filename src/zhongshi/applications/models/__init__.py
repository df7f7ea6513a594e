from zhongshi.applications.models.application import Application, ApplicationRound, EvidenceFile

__all__ = ["Application", "ApplicationRound", "EvidenceFile"]
