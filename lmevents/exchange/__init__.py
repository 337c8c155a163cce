"""The online technical exchange: topics, enterprise presentations, the Mekong countries'
needs, questions and votes, and 1:1 follow-up meetings."""
