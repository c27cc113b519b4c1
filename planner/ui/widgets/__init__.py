"""Parts of pages that are big enough for a module of their own (not pages themselves)."""
