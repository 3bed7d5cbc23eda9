"""`python -m assistant`: the whole command line. An entry-point script, not a module of
the package (nothing imports it), so it may start from the top-level front end."""
import sys

from app import main

sys.exit(main())
