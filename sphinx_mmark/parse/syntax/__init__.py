"""markdown-it rules for mmark syntax: one module per construct.

Each module exports a ``*_plugin(md)`` function that adds its rule at an
explicit position; its docstring states the syntax it recognises. Rules never
raise: input they cannot use is left to the next rule (and so stays text).
"""
