"""Output for people (`terminal`, rich) and for programs (`jsonout`). Renderers receive
plain model objects and a console or stream; they never see Whoosh."""
