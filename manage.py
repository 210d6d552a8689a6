#!/usr/bin/env python
"""Django's manage.py, kept for habit: `kenal` does the same."""

from kenal.cli import main

if __name__ == "__main__":
    main()
