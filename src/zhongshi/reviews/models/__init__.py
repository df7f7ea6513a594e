from zhongshi.reviews.models.export import ExportJob
from zhongshi.reviews.models.notice import Notice, Objection
from zhongshi.reviews.models.review import DeadlineReminder, RecommendationLetter, ReviewStep

__all__ = ["DeadlineReminder", "ExportJob", "Notice", "Objection", "RecommendationLetter", "ReviewStep"]
