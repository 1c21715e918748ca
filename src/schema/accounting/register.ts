/**
 * Registers every type of the accounting domain on the builder (side effects only; imported
 * once by src/schema/index.ts). Add each new type file here.
 */
