# Sources of the shim group "p2p" (owned by that group).
MS_P2P_SOURCES =
