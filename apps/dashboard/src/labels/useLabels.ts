import type { Jsonified, LabelView } from '@app/contracts';
import { useEffect, useState } from 'react';
import { api } from '../api/client';

export type LabelInfo = Jsonified<LabelView>;

export interface Labels {
  labels: LabelInfo[];
  /** The label of this id, or null for one deleted or not loaded yet (shown as nothing). */
  labelOf(id: string): LabelInfo | null;
}

// Labels change rarely: one request serves every list and conversation for a minute.
const KEEP_MS = 60_000;
let cached: { at: number; labels: Promise<LabelInfo[]>; read: LabelInfo[] | null } | null = null;

const fresh = () => (cached && Date.now() - cached.at < KEEP_MS ? cached : null);

function loadLabels(): Promise<LabelInfo[]> {
  const known = fresh();
  if (known) return known.labels;
  const entry: NonNullable<typeof cached> = {
    at: Date.now(),
    labels: api<{ labels: LabelInfo[] }>('/api/tenant/labels').then(({ labels }) => labels),
    read: null,
  };
  cached = entry;
  entry.labels.then(
    (labels) => {
      entry.read = labels;
    },
    // A failure is not kept: the next reader asks again.
    () => {
      if (cached === entry) cached = null;
    },
  );
  return entry.labels.catch(() => []);
}

/** After a change on the Labels page: the next reader loads them again. */
export function forgetLabels(): void {
  cached = null;
}

/** The workspace's labels (empty until loaded, or if they could not be read). */
export function useLabels(): Labels {
  const [labels, setLabels] = useState<LabelInfo[]>(() => fresh()?.read ?? []);
  useEffect(() => {
    let current = true;
    void loadLabels().then((loaded) => current && setLabels(loaded));
    return () => {
      current = false;
    };
  }, []);
  return {
    labels,
    labelOf: (id) => labels.find((label) => label.id === id) ?? null,
  };
}
