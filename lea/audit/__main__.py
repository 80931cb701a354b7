"""`python -m lea.audit`: the command line (lea.audit.cli)."""

from lea.audit.cli import main

raise SystemExit(main())
