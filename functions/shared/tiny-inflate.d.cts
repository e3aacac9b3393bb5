declare function inflate(source: Uint8Array, dest: Uint8Array): Uint8Array;
export = inflate;
