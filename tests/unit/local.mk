# Check unit tests.  Each component adds its own program here.
if HAVE_CHECK
endif
