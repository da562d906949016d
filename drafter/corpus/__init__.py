"""Reading, cleaning and splitting source material."""
