"""Signals of the calls app, for the later apps that keep data derived from a call (data flows one way)."""

from __future__ import annotations

from django.dispatch import Signal

# Sent with ``call`` and ``actor`` after a call's eligibility conditions changed. The applications app
# answers with the counts of its re-judged applications ({"eligible": …, "ineligible": …, "unknown": …}).
conditions_changed = Signal()

# Sent with ``call`` and ``levels`` (the new chain) before a call's review chain is saved; a receiver answers
# with a list of problems (Chinese messages) that forbid the change.
chain_changing = Signal()
