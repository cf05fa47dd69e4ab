"""`python -m licensegate` runs the CLI."""

from licensegate.cli import main

main()
