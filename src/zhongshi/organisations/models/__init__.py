from zhongshi.organisations.models.authority import Authority, Region
from zhongshi.organisations.models.hostorg import DemandEnterprise, Expert, HostOrg, PartnerOrg

__all__ = ["Authority", "DemandEnterprise", "Expert", "HostOrg", "PartnerOrg", "Region"]
