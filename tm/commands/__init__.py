"""The application layer: each command wires the stages (segment, align, memory, terms, report) into one
job a user asks for, and returns what it made as data. Nothing here prints or parses arguments: `tm.cli`
does that, and a server or a test calls these functions as they are.

Conventions every command keeps: arguments arrive validated (language codes normalised, ranges checked);
bad input raises `tm.errors.InputError`; long jobs take a `progress` callable (`Progress`) and report
through it only; what a command writes it returns as paths.
"""

from tm.commands.common import NO_PROGRESS, Progress

__all__ = ["NO_PROGRESS", "Progress"]
