from zhongshi.reviews.models.notice import Notice, Objection
from zhongshi.reviews.models.review import DeadlineExtension, DeadlineReminder, RecommendationLetter, ReviewStep

__all__ = ["DeadlineExtension", "DeadlineReminder", "Notice", "Objection", "RecommendationLetter", "ReviewStep"]
