/** The 1.x-style API shim; built in a later step on the public API of 'retort'. */
export {};
