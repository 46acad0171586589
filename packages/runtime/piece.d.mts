/*
 * Types of a runtime piece subpath (async-state-machine-runtime/<piece>): imported for its effect
 * (it installs the piece on the driver of the ES module entry); it exports nothing.
 */
export {};
