# Sources of the shim group "type" (owned by that group).
MS_TYPE_SOURCES =
