"""A fictional offline press world (four outlets on 127.0.0.1) for demos and end-to-end tests."""
