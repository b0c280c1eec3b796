"""The extraction-quality evaluation: pages we wrote in the styles of real outlets, and how they are scored."""
