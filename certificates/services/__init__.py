"""Services of certification; import from the submodules (schemes, batches, decisions)."""
