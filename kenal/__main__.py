"""`python -m kenal …`, as the `kenal` command: how the web starts an import's child process."""

from kenal.cli import main

main()
