/**
 * What a response type becomes on the wire: a service builds its answer with `Date`s, JSON turns
 * them into ISO 8601 strings, and the browser apps read those. One type serves both sides.
 */
export type Jsonified<T> = T extends Date
  ? string
  : T extends ReadonlyArray<infer Item>
    ? Jsonified<Item>[]
    : T extends object
      ? { [Key in keyof T]: Jsonified<T[Key]> }
      : T;
