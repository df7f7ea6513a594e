from zhongshi.calls.models.call import Call, CallAttachment

__all__ = ["Call", "CallAttachment"]
