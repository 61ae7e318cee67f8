"""Versions of a statute: the article concordance between two versions, and reading a
version from any file ``parse`` reads."""
