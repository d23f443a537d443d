/**
 * Ids become parts of field names in rollup documents. A field name must not contain `.` or
 * start with `$`, and counter names join their parts with `|`, so those characters (and `%`,
 * the escape) are percent-encoded.
 */
export function asFieldName(id: string): string {
  return id.replace(/[%.$|]/g, (character) => `%${character.charCodeAt(0).toString(16)}`);
}

export function fromFieldName(name: string): string {
  return name.replace(/%(25|2e|24|7c)/g, (_match, hex: string) =>
    String.fromCharCode(parseInt(hex, 16)),
  );
}
