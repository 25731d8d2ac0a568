"""Search engines behind one interface (`newsarc.engine.base`): Whoosh (`whoosh.py`) and
Xapian (`xapian_engine.py`). Only this package imports them (besides analysis.py and
fields.py, whose import paths Whoosh pickles into indexes). Importing the package imports
no engine: `choice.py` says which one an archive uses, and its module is loaded then."""
