# Sources of the shim group "env" (owned by that group).
MS_ENV_SOURCES =
