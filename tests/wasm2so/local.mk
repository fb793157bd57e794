# The wasm2so command as a user meets it: mistakes that must not cost a file
# or crash the translator.
if WITH_TRANSLATOR
TESTS += tests/wasm2so/wasm2so-cli.sh
endif
EXTRA_DIST += tests/wasm2so/wasm2so-cli.sh
