"""Validators of organisation identifiers."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.cn import uscc
from stdnum.exceptions import InvalidChecksum, InvalidFormat, InvalidLength
from stdnum.exceptions import ValidationError as StdnumError


def normalise_credit_code(value: str) -> str:
    return uscc.compact(value or "")


def validate_credit_code(value: str) -> None:
    """Unified social credit code (统一社会信用代码), GB 32100-2015, including its check character."""
    try:
        uscc.validate(value)
    except InvalidLength as exc:
        raise ValidationError(
            _("The unified social credit code must have 18 characters."), code="credit_code_length"
        ) from exc
    except InvalidChecksum as exc:
        raise ValidationError(
            _("The unified social credit code is invalid: its check character does not match (GB 32100-2015)."),
            code="credit_code_checksum",
        ) from exc
    except (InvalidFormat, StdnumError) as exc:
        raise ValidationError(
            _("The unified social credit code is invalid: it contains characters that are not allowed."),
            code="credit_code_format",
        ) from exc
