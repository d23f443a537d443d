import type { CategoryView, Jsonified, TeamView } from '@app/contracts';
import { useEffect, useState } from 'react';
import { api } from '../api/client';

export type CategoryInfo = Jsonified<CategoryView>;
export type TeamInfo = Jsonified<TeamView>;

export interface Routing {
  categories: CategoryInfo[];
  teams: TeamInfo[];
  categoryName(id: string | null): string | null;
  teamName(id: string | null): string | null;
}

// Categories and teams change rarely: one request each serves the inbox for a minute.
const KEEP_MS = 60_000;
let cached: { at: number; lists: Promise<Pick<Routing, 'categories' | 'teams'>> } | null = null;

function loadRouting(): Promise<Pick<Routing, 'categories' | 'teams'>> {
  if (cached && Date.now() - cached.at < KEEP_MS) return cached.lists;
  const lists = Promise.all([
    api<{ categories: CategoryInfo[] }>('/api/tenant/categories'),
    api<{ teams: TeamInfo[] }>('/api/tenant/teams'),
  ])
    .then(([{ categories }, { teams }]) => ({ categories, teams }))
    .catch(() => {
      cached = null;
      return { categories: [], teams: [] };
    });
  cached = { at: Date.now(), lists };
  return lists;
}

/** After a change on the Teams page: the next reader loads the lists again. */
export function forgetRouting(): void {
  cached = null;
}

/** The tenant's categories and teams, with their names by id (empty until loaded). */
export function useRouting(): Routing {
  const [lists, setLists] = useState<Pick<Routing, 'categories' | 'teams'>>({
    categories: [],
    teams: [],
  });
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
