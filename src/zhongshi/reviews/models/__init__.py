from zhongshi.reviews.models.review import DeadlineExtension, RecommendationLetter, ReviewStep
from zhongshi.reviews.models.notice import Notice, Objection

__all__ = ["DeadlineExtension", "Notice", "Objection", "RecommendationLetter", "ReviewStep"]
