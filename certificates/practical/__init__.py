"""The practical bookkeeping case: generator, sandbox ledger and grader."""
