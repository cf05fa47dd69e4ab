"""Read the repository for the models it really uses (DESIGN.md §7).

`evidence` holds the data every part shares: what a scan found and where. The readers, the walker
and the lineage builder live in their own modules and are imported only when a command needs them,
so a plain `check` never pays for them.
"""
