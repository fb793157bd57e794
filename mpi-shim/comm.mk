# Sources of the shim group "comm" (owned by that group).
MS_COMM_SOURCES =
