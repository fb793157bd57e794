# Sources of the shim group "coll" (owned by that group).
MS_COLL_SOURCES =
