# The spec runner (see tests/spec/README).
