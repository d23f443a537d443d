import { forgetRouting } from '../inbox/useRouting';
import { RequirePermission } from '../layout/RequirePermission';
import { Loaded } from '../ui/Loaded';
import { PageHeader } from '../ui/PageHeader';
import { useApi } from '../ui/useApi';
import type { Agent } from './agents/agentTypes';
import { CategoriesCard } from './routing/CategoriesCard';
import type { Category, Team } from './routing/routingTypes';
import { TeamsCard } from './routing/TeamsCard';

/** Categories of requests and the teams they are routed to. */
export function TeamsPage() {
  return (
    <RequirePermission permission="tenant:manage">
      <Teams />
    </RequirePermission>
  );
}

function Teams() {
  const categories = useApi<{ categories: Category[] }>('/api/tenant/categories');
  const teams = useApi<{ teams: Team[] }>('/api/tenant/teams');
  const agents = useApi<{ agents: Agent[] }>('/api/tenant/agents');

  return (
    <>
      <PageHeader
        title="Teams and categories"
        description="Route conversations by what visitors ask about to the agents who handle it."
      />
      <div className="stack">
        <Loaded resource={categories} loadingLabel="Loading categories…">
          {({ categories: list }) => (
            <>
              <CategoriesCard
                categories={list}
                onChanged={(next) => {
                  forgetRouting();
                  categories.setData({ categories: next });
                  // A deleted category leaves the teams that took it.
                  teams.reload();
                }}
              />
              <Loaded resource={teams} loadingLabel="Loading teams…">
                {({ teams: teamList }) => (
                  <Loaded resource={agents} loadingLabel="Loading agents…">
                    {({ agents: agentList }) => (
                      <TeamsCard
                        teams={teamList}
                        categories={list}
                        agents={agentList
                          .filter((agent) => agent.status === 'active')
                          .map(({ id, name }) => ({ id, name }))}
                        onChanged={(next) => {
                          forgetRouting();
                          teams.setData({ teams: next });
                        }}
                      />
                    )}
                  </Loaded>
                )}
              </Loaded>
            </>
          )}
        </Loaded>
      </div>
    </>
  );
}
