from zhongshi.library.models.adjustment import AdjustmentProposal, AdjustmentRound
from zhongshi.library.models.lifecycle import ChangeReport, PolicySupport
from zhongshi.library.models.platform import PilotPlatform, PlatformService, PlatformVersion, TierChange
from zhongshi.library.models.quarterly import QuarterlyUpdate, UpdateReminder
from zhongshi.library.models.removal import Removal

__all__ = ["AdjustmentProposal", "AdjustmentRound", "ChangeReport", "PilotPlatform", "PlatformService",
           "PlatformVersion", "PolicySupport", "QuarterlyUpdate", "Removal", "TierChange", "UpdateReminder"]
