"""newsarc's own queries: the parsed tree (`tree`), parsing text into it (`parse`), where
its words are in an article (`highlight`) and what it looks for, in words (`explain`).
No module here imports a search engine (docs/ARCHITECTURE.md)."""
