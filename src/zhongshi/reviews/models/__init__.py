from zhongshi.reviews.models.review import DeadlineExtension, DeadlineReminder, RecommendationLetter, ReviewStep
from zhongshi.reviews.models.notice import Notice, Objection

__all__ = ["DeadlineExtension", "DeadlineReminder", "Notice", "Objection", "RecommendationLetter", "ReviewStep"]
