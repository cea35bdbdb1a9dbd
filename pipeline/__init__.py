"""Turn news articles about relations between states into validated tables."""
__version__ = "0.1.0"
