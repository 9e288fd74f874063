"""`python -m warnline`: the same as the `warnline` command."""

from warnline.cli import main

main()
