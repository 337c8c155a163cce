"""The live day: joining a session's video room through lmevents, and who joined."""
