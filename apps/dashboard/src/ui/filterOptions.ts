/** A filter's choices: "any" first (the empty value), then each value under its label. */
export function filterOptions<V extends string>(
  anyLabel: string,
  labels: Record<V, string>,
): Array<{ value: V | ''; label: string }> {
  return [
    { value: '', label: anyLabel },
    ...(Object.keys(labels) as V[]).map((value) => ({ value, label: labels[value] })),
  ];
}
