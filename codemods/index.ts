/** Codemods that rewrite 1.x-style code; built in a later step. */
export {};
