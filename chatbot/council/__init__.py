"""The council's configuration: its file and the policy engine built from it."""
