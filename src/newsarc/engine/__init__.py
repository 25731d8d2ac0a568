"""Search engines behind one interface (`newsarc.engine.base`). Only this package imports
Whoosh (besides analysis.py and fields.py, whose import paths Whoosh pickles into indexes).
Importing the package imports no engine: `newsarc.engine.whoosh` is loaded when used."""
