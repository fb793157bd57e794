# The guest SDK (owned by the sdk work): filled in by sdk/.
