import type { CategoryView, Jsonified, TeamView } from '@app/contracts';
import { useEffect, useState } from 'react';
import { api } from '../api/client';

export type CategoryInfo = Jsonified<CategoryView>;
export type TeamInfo = Jsonified<TeamView>;

export interface Routing {
  categories: CategoryInfo[];
  teams: TeamInfo[];
  /** `unavailable`: the lists could not be read (both are then empty). */
  state: 'loading' | 'ready' | 'unavailable';
  categoryName(id: string | null): string | null;
  teamName(id: string | null): string | null;
}

// Categories and teams change rarely: one request each serves the inbox for a minute.
const KEEP_MS = 60_000;
type Lists = Pick<Routing, 'categories' | 'teams' | 'state'>;
const LOADING: Lists = { categories: [], teams: [], state: 'loading' };
/** `read`: the lists once they arrived, so a component mounted later starts with them. */
interface CachedLists {
  at: number;
  lists: Promise<Lists>;
  read: Lists | null;
}
let cached: CachedLists | null = null;

const fresh = () => (cached && Date.now() - cached.at < KEEP_MS ? cached : null);

async function readLists(): Promise<Lists> {
  try {
    const [{ categories }, { teams }] = await Promise.all([
      api<{ categories: CategoryInfo[] }>('/api/tenant/categories'),
      api<{ teams: TeamInfo[] }>('/api/tenant/teams'),
    ]);
    return { categories, teams, state: 'ready' };
  } catch {
    return { categories: [], teams: [], state: 'unavailable' };
  }
}

function loadRouting(): Promise<Lists> {
  const known = fresh();
  if (known) return known.lists;
  const entry: CachedLists = { at: Date.now(), lists: readLists(), read: null };
  cached = entry;
  void entry.lists.then((lists) => {
    if (lists.state === 'ready') entry.read = lists;
    // A failure is not kept: the next reader asks again.
    else if (cached === entry) cached = null;
  });
  return entry.lists;
}

/** After a change on the Teams page: the next reader loads the lists again. */
export function forgetRouting(): void {
  cached = null;
}

/** The tenant's categories and teams, with their names by id (empty until loaded). */
export function useRouting(): Routing {
  const [lists, setLists] = useState<Lists>(() => fresh()?.read ?? LOADING);
  useEffect(() => {
    let current = true;
    void loadRouting().then((loaded) => current && setLists(loaded));
    return () => {
      current = false;
    };
  }, []);
  const nameOf = (list: Array<{ id: string; name: string }>, id: string | null) =>
    id === null ? null : (list.find((entry) => entry.id === id)?.name ?? null);
  return {
    ...lists,
    categoryName: (id) => nameOf(lists.categories, id),
    teamName: (id) => nameOf(lists.teams, id),
  };
}
