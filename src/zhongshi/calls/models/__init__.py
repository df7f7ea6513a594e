from zhongshi.calls.models.call import Call, CallAttachment
from zhongshi.calls.models.extension import DeadlineExtension

__all__ = ["Call", "CallAttachment", "DeadlineExtension"]
