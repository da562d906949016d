"""`python -m drafter` runs the same CLI as the `drafter` script."""

from drafter.cli import main

if __name__ == "__main__":
    main()
