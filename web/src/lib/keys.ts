// Lists of a server enum's values in the UI's order, checked against the server's type: the compiler
// fails when the server adds, renames or drops a value (a type-only import bundles nothing).

/** The keys of `record`, in its order; `keysOf<Union>({ a: 0, b: 0 })` must name each member once. */
export const keysOf = <K extends string>(record: Record<K, 0>): K[] => Object.keys(record) as K[];
