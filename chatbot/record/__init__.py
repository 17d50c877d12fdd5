"""The Clerk's official record: capture, the hash chain, verification."""
