"""The fuzz suite: every public callable and CLI command, driven with Hypothesis (issue 16)."""
