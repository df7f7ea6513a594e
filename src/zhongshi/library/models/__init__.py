from zhongshi.library.models.platform import PilotPlatform, PlatformService, PlatformVersion, TierChange
from zhongshi.library.models.quarterly import QuarterlyUpdate, UpdateReminder
from zhongshi.library.models.removal import Removal

__all__ = ["PilotPlatform", "PlatformService", "PlatformVersion", "QuarterlyUpdate", "Removal", "TierChange",
           "UpdateReminder"]
