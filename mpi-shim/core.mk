# Sources of the shim group "core" (owned by that group).
MS_CORE_SOURCES =
