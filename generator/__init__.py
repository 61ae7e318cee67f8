"""statute-site: publish Chinese statutes as bilingual, annotated static websites."""

__version__ = "0.1.0"
