"""`python -m bench` runs every benchmark."""

from bench.run import main

main()
