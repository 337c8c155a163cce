"""Questions to presenters, asked before or during the session, with votes and moderation."""
