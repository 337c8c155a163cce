"""1:1 follow-up meetings between participants: requests, proposed times, invitations."""
