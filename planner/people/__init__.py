"""People: who signs in, what each role may do, and the audit log of what they did."""
