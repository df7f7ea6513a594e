"""zhongshi: the manufacturing pilot-test platform scheme (制造业中试平台), end to end."""

__version__ = "0.1.0"
