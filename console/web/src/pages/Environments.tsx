import { useEffect, useMemo, useState } from 'preact/hooks';
import { ApiError, get } from '../api';
import { exact, shortDigest, when } from '../format';

interface Image {
  registry: string;
  repository: string;
  digest: string;
  tag?: string;
}

interface Running {
  service: string;
  environment: string;
  image: Image;
  since: string;
  deploymentId: string;
  deployedBy?: string;
}

interface Deployment {
  deploymentId: string;
  environment: string;
  image: Image;
  status: string;
  deployer?: string;
  finishedAt: string;
}

interface RollbackCandidate {
  image: Image;
  deployedAt: string;
  deployedBy?: string;
  deploymentId: string;
}

interface Label {
  label: string;
  environment: string;
  labelledAt: string;
  registryState: string;
}

interface Repository {
  name: string;
  metadata?: { ownerTeam?: string };
}

/** Environments in the order a release travels, the others after them by name. */
const ORDER = ['dev', 'test', 'qa', 'staging', 'prod_test', 'prod'];

function byTravel(a: string, b: string): number {
  const rank = (name: string) => (ORDER.includes(name) ? ORDER.indexOf(name) : ORDER.length);
  return rank(a) - rank(b) || a.localeCompare(b);
}

/** Each service's owning team, from the catalog's repository metadata; none when the catalog cannot say. */
async function owners(): Promise<Map<string, string>> {
  const teams = new Map<string, string>();
  let after: string | undefined;
  do {
    const page = await get<{ items: Repository[]; next?: string }>('catalog',
      `/api/v1/repositories?limit=200${after ? `&after=${encodeURIComponent(after)}` : ''}`);
    page.items.forEach((r) => r.metadata?.ownerTeam && teams.set(r.name, r.metadata.ownerTeam));
    after = page.next ?? undefined;
  } while (after);
  return teams;
}

interface Props {
  path: string[];
  onSignedOut: () => void;
}

/** What runs where: services × environments, filters by team and environment, and one service's history. */
export function Environments({ path, onSignedOut }: Props) {
  const [running, setRunning] = useState<Running[] | null>(null);
  const [teams, setTeams] = useState<Map<string, string>>(new Map());
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    (async () => {
      try {
        const environments = await get<{ name: string }[]>('promotion', '/api/v1/environments');
        const perEnvironment = await Promise.all(environments.map((e) =>
          get<Running[]>('promotion', `/api/v1/environments/${encodeURIComponent(e.name)}/services`)));
        setRunning(perEnvironment.flat());
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) {
          onSignedOut();
        } else {
          setProblem(`Deployments could not be read: ${(e as Error).message}`);
        }
      }
      owners().then(setTeams, () => setTeams(new Map()));
    })();
  }, []);

  if (problem) {
    return <p role="alert" class="problem">{problem}</p>;
  }
  if (running === null) {
    return <p aria-busy="true">Reading what runs where…</p>;
  }
  if (path[0] === 'service' && path[1]) {
    return <ServiceDetail service={path[1]} running={running.filter((r) => r.service === path[1])} />;
  }
  return <Matrix running={running} teams={teams} />;
}

function teamOf(teams: Map<string, string>, image: Image): string | undefined {
  return teams.get(`${image.registry}/${image.repository}`);
}

function Matrix({ running, teams }: { running: Running[]; teams: Map<string, string> }) {
  const [environment, setEnvironment] = useState('');
  const [team, setTeam] = useState('');
  const [text, setText] = useState('');

  const environments = useMemo(() => [...new Set(running.map((r) => r.environment))].sort(byTravel), [running]);
  const teamNames = useMemo(() => [...new Set(teams.values())].sort(), [teams]);
  const cells = useMemo(() => {
    const byService = new Map<string, Map<string, Running>>();
    running.forEach((r) => {
      if (!byService.has(r.service)) {
        byService.set(r.service, new Map());
      }
      byService.get(r.service)!.set(r.environment, r);
    });
    return byService;
  }, [running]);

  const shown = environment ? [environment] : environments;
  const services = [...cells.keys()].sort().filter((service) => {
    const row = [...cells.get(service)!.values()];
    return service.toLowerCase().includes(text.trim().toLowerCase())
      && (!team || row.some((r) => teamOf(teams, r.image) === team))
      && (!environment || cells.get(service)!.has(environment));
  });

  return (
    <section aria-labelledby="environments-title">
      <h1 id="environments-title">What runs where</h1>
      <div class="filters">
        <label>Service <input type="search" value={text} placeholder="name contains…"
                              onInput={(e) => setText((e.target as HTMLInputElement).value)} /></label>
        <label>Environment
          <select value={environment} onChange={(e) => setEnvironment((e.target as HTMLSelectElement).value)}>
            <option value="">all</option>
            {environments.map((name) => <option value={name}>{name}</option>)}
          </select>
        </label>
        {teamNames.length > 0 && (
          <label>Team
            <select value={team} onChange={(e) => setTeam((e.target as HTMLSelectElement).value)}>
              <option value="">all</option>
              {teamNames.map((name) => <option value={name}>{name}</option>)}
            </select>
          </label>
        )}
        <span class="count">{services.length} of {cells.size} services</span>
      </div>
      {running.length === 0 ? (
        <p>No deployment has been reported yet: deployers report them to the promotion-service
          (<code>POST /api/v1/deployments</code> or CDEvents).</p>
      ) : (
        <table class="matrix">
          <thead>
            <tr>
              <th scope="col">Service</th>
              {shown.map((name) => <th scope="col">{name}</th>)}
            </tr>
          </thead>
          <tbody>
            {services.map((service) => (
              <tr>
                <th scope="row"><a href={`#/environments/service/${encodeURIComponent(service)}`}>{service}</a></th>
                {shown.map((name) => {
                  const cell = cells.get(service)!.get(name);
                  return (
                    <td data-environment={name}>
                      {cell ? (
                        <>
                          <span class="tag">{cell.image.tag ?? shortDigest(cell.image.digest)}</span>
                          <code class="digest" title={cell.image.digest}>{shortDigest(cell.image.digest)}</code>
                          <time dateTime={cell.since} title={exact(cell.since)}>{when(cell.since)}</time>
                          {cell.deployedBy && <span class="by">by {cell.deployedBy}</span>}
                        </>
                      ) : <span class="none">—</span>}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function ServiceDetail({ service, running }: { service: string; running: Running[] }) {
  const environments = running.map((r) => r.environment).sort(byTravel);
  const [environment, setEnvironment] = useState(environments.includes('prod') ? 'prod' : environments[0] ?? '');
  const [history, setHistory] = useState<Deployment[] | null>(null);
  const [candidates, setCandidates] = useState<RollbackCandidate[] | null>(null);
  const [labels, setLabels] = useState<Label[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const current = running.find((r) => r.environment === environment);

  useEffect(() => {
    get<Deployment[]>('promotion', `/api/v1/services/${encodeURIComponent(service)}/deployments?limit=50`)
      .then(setHistory, (e: Error) => setProblem(e.message));
  }, [service]);
  useEffect(() => {
    if (!environment) {
      return;
    }
    setCandidates(null);
    get<RollbackCandidate[]>('promotion', `/api/v1/services/${encodeURIComponent(service)}/rollback-candidates`
      + `?environment=${encodeURIComponent(environment)}&limit=10`)
      .then(setCandidates, (e: Error) => setProblem(e.message));
  }, [service, environment]);
  useEffect(() => {
    if (!current) {
      setLabels([]);
      return;
    }
    const image = current.image;
    get<{ labels: Label[] }>('promotion', `/api/v1/images?registry=${encodeURIComponent(image.registry)}`
      + `&repository=${encodeURIComponent(image.repository)}&digest=${encodeURIComponent(image.digest)}&limit=1`)
      .then((found) => setLabels(found.labels), (e: Error) => setProblem(e.message));
  }, [current?.image.digest]);

  return (
    <section aria-labelledby="service-title">
      <p><a href="#/environments">← All services</a></p>
      <h1 id="service-title">{service}</h1>
      {problem && <p role="alert" class="problem">{problem}</p>}
      <h2>Running now</h2>
      <table>
        <thead><tr><th scope="col">Environment</th><th scope="col">Image</th><th scope="col">Since</th>
          <th scope="col">Deployment</th><th scope="col">By</th></tr></thead>
        <tbody>
          {running.slice().sort((a, b) => byTravel(a.environment, b.environment)).map((r) => (
            <tr>
              <td>{r.environment}</td>
              <td><span class="tag">{r.image.repository}:{r.image.tag ?? '—'}</span>
                <code class="digest" title={r.image.digest}>{shortDigest(r.image.digest)}</code></td>
              <td><time dateTime={r.since} title={exact(r.since)}>{when(r.since)}</time></td>
              <td><code>{r.deploymentId}</code></td>
              <td>{r.deployedBy ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>

      {environments.length > 0 && (
        <div class="filters">
          <label>Environment
            <select value={environment} onChange={(e) => setEnvironment((e.target as HTMLSelectElement).value)}>
              {environments.map((name) => <option value={name}>{name}</option>)}
            </select>
          </label>
        </div>
      )}

      <h2 id="labels-title">Labels of the image running in {environment || '—'}</h2>
      {labels === null ? <p aria-busy="true">Reading labels…</p> : labels.length === 0 ? <p>No label.</p> : (
        <ul class="labels" aria-labelledby="labels-title">
          {labels.map((l) => (
            <li><span class="label">{l.label}</span> from {l.environment},{' '}
              <time dateTime={l.labelledAt} title={exact(l.labelledAt)}>{when(l.labelledAt)}</time>
              {' '}— in the registry: <strong>{l.registryState}</strong></li>
          ))}
        </ul>
      )}

      <h2 id="rollback-title">Rollback candidates in {environment || '—'}</h2>
      {candidates === null ? <p aria-busy="true">Reading candidates…</p> : candidates.length === 0
        ? <p>Nothing to roll back to: no other image succeeded here.</p> : (
          <table aria-labelledby="rollback-title" class="candidates">
            <thead><tr><th scope="col">Image</th><th scope="col">Digest</th><th scope="col">Deployed</th>
              <th scope="col">By</th></tr></thead>
            <tbody>
              {candidates.map((c) => (
                <tr>
                  <td><span class="tag">{c.image.repository}:{c.image.tag ?? '—'}</span></td>
                  <td><code class="digest" title={c.image.digest}>{c.image.digest}</code></td>
                  <td><time dateTime={c.deployedAt} title={exact(c.deployedAt)}>{when(c.deployedAt)}</time></td>
                  <td>{c.deployedBy ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}

      <h2 id="history-title">History</h2>
      {history === null ? <p aria-busy="true">Reading history…</p> : (
        <table aria-labelledby="history-title">
          <thead><tr><th scope="col">Finished</th><th scope="col">Environment</th><th scope="col">Image</th>
            <th scope="col">Status</th><th scope="col">By</th></tr></thead>
          <tbody>
            {history.map((d) => (
              <tr>
                <td><time dateTime={d.finishedAt} title={exact(d.finishedAt)}>{when(d.finishedAt)}</time></td>
                <td>{d.environment}</td>
                <td><span class="tag">{d.image.tag ?? '—'}</span>
                  <code class="digest" title={d.image.digest}>{shortDigest(d.image.digest)}</code></td>
                <td class={`status ${d.status.toLowerCase()}`}>{d.status.toLowerCase()}</td>
                <td>{d.deployer ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
