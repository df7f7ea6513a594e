from zhongshi.library.models.adjustment import AdjustmentProposal, AdjustmentRound
from zhongshi.library.models.platform import PilotPlatform, PlatformService, PlatformVersion, TierChange
from zhongshi.library.models.removal import Removal

__all__ = ["AdjustmentProposal", "AdjustmentRound", "PilotPlatform", "PlatformService", "PlatformVersion", "Removal",
           "TierChange"]
