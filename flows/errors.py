"""Conditions a user causes and can fix (a run already writing, a missing input, a failed data check).

They reach the user as one line saying what happened and what to do, never as a traceback: the CLI prints their
message, and flows/console.py keeps Prefect's console from printing their tracebacks.
"""

from __future__ import annotations


class NightdeskError(Exception):
    """An expected condition: its message is the whole story for the person at the terminal."""
