"""Navigation and dashboard panels of certification (filled in with the views)."""
