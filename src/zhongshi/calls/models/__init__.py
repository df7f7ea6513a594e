from zhongshi.calls.models.call import Call

__all__ = ["Call"]
