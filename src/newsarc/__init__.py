"""newsarc: archive and search Arabic news articles, whatever their spelling."""

__version__ = "0.1.0"
