import { useEffect, useState } from 'preact/hooks';
import { ApiError, get, post } from '../api';
import { bytes, exact, plural, shortDigest, when } from '../format';

interface Rule {
  type: string;
  label?: string;
  count?: number;
  days?: number;
  pattern?: string;
}

interface Policy {
  id: string;
  version: number;
  active: boolean;
  registry: string;
  repository: string;
  priority: number;
  rules: Rule[];
  schedule?: string;
  autoApply: boolean;
  changedBy?: string;
  changedAt: string;
}

interface Plan {
  id: string;
  state: 'PLANNED' | 'APPLYING' | 'PAUSED' | 'APPLIED';
  createdAt: string;
  kept: number;
  toDelete: number;
  bytesToReclaim: number;
  appliedBy?: string;
  startedAt?: string;
  finishedAt?: string;
  deletions: Record<string, number>;
  reclaimedBytes: number;
}

interface Group {
  registry: string;
  repository: string;
  action: 'KEEP' | 'DELETE';
  reasonKind?: string;
  items: number;
  size: number;
  ownBytes: number;
  states: Record<string, number>;
}

interface Item {
  registry: string;
  repository: string;
  digest: string;
  kind: string;
  tags: string[];
  size: number;
  ownBytes: number;
  action: string;
  reasons: string;
  labelClass?: string;
  state: string;
  detail?: string;
  restorableUntil?: string;
}

interface Restored {
  restored: { repository: string; digest: string; tags: string[]; tagsLeft: string[] }[];
  failed: { repository: string; digest: string; reason: string }[];
}

/** What a restore put back, in a sentence. */
function restoredText(answer: Restored): string {
  const left = answer.restored.flatMap((r) => r.tagsLeft);
  return `Restored ${plural(answer.restored.length, 'artifact', 'artifacts')}`
    + (left.length ? `; tags left as they are: ${left.join(', ')}` : '')
    + (answer.failed.length ? `; not restored: ${answer.failed.map((f) => `${shortDigest(f.digest)} (${f.reason})`)
      .join(', ')}` : '') + '.';
}

interface AuditEntry {
  id: number;
  repository: string;
  digest: string;
  outcome: string;
  detail: string;
  at: string;
}

interface Hold {
  registry: string;
  repository: string;
  digest: string;
  reason: string;
  heldBy?: string;
  createdAt: string;
}

/** The reason kinds a plan groups its items by, as a reviewer reads them. */
const REASONS: Record<string, string> = {
  NEVER_DEPLOYED: 'never deployed',
  BEYOND_QUOTA: 'beyond its label class’s quota',
  EXCLUDED_BY_RULE: 'excluded by a policy rule',
  WITH_ITS_UNIT: 'goes or stays with what it belongs to',
  RUNNING: 'running',
  ROLLBACK_SET: 'a rollback candidate',
  HELD: 'held',
  IMMUTABLE: 'immutable in the registry',
  BASE_OF_KEPT: 'the base of a kept image',
  UNKNOWN: 'not known well enough to delete',
  POLICY_RULE: 'kept by a policy rule',
  NO_POLICY: 'no policy governs it',
  NOT_AN_IMAGE: 'not an image',
  UNMANAGED: 'in a registry not managed here',
};

const LABEL_CLASSES: Record<string, string> = { UNLABELLED: 'no label', MAYBE_PROD: 'maybe_prod', PROD: 'prod' };

const GROUPS_PAGE = 1000;
const AUDIT_SHOWN = 100;

/** Retention: policies and their versions, plans to review and apply, holds. */
export function Retention({ path }: { path: string[] }) {
  return path[0] === 'plan' && path[1] ? <PlanReview id={path[1]} /> : <RetentionOverview />;
}

function RetentionOverview() {
  const [policies, setPolicies] = useState<Policy[] | null>(null);
  const [plans, setPlans] = useState<Plan[] | null>(null);
  const [holds, setHolds] = useState<Hold[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [computing, setComputing] = useState(false);

  useEffect(() => {
    const failed = (e: Error) => setProblem(e.message);
    get<Policy[]>('retention', '/api/v1/retention/policies').then(setPolicies, failed);
    get<{ items: Plan[] }>('retention', '/api/v1/retention/plans?limit=20').then((page) => setPlans(page.items),
      failed);
    get<Hold[]>('retention', '/api/v1/holds?limit=100').then(setHolds, failed);
  }, []);

  const compute = () => {
    setComputing(true);
    setProblem(null);
    post<Plan>('retention', '/api/v1/retention/plans').then((plan) => {
      location.hash = `#/retention/plan/${plan.id}`;
    }, (e: Error) => {
      setComputing(false);
      setProblem(e instanceof ApiError && e.status === 403
        ? 'Computing a plan needs the operator role.' : e.message);
    });
  };

  return (
    <section aria-labelledby="retention-title">
      <h1 id="retention-title">Retention</h1>
      {problem && <p role="alert" class="problem">{problem}</p>}

      <h2 id="plans-title">Plans</h2>
      <p><button type="button" onClick={compute} disabled={computing}>
        {computing ? 'Computing a plan…' : 'Compute a plan'}</button>{' '}
        <span class="hint">A dry run over the whole inventory: nothing is deleted until it is reviewed and
          applied.</span></p>
      {plans === null ? <p aria-busy="true">Reading plans…</p> : plans.length === 0 ? <p>No plan yet.</p> : (
        <table class="plans" aria-labelledby="plans-title">
          <thead><tr><th scope="col">Plan</th><th scope="col">State</th><th scope="col">Made</th>
            <th scope="col">Deletes</th><th scope="col">Frees</th><th scope="col">Keeps</th>
            <th scope="col">Applied by</th></tr></thead>
          <tbody>
            {plans.map((p) => (
              <tr>
                <td><a href={`#/retention/plan/${p.id}`}><code>{p.id.slice(0, 8)}</code></a></td>
                <td class={`state ${p.state.toLowerCase()}`}>{p.state.toLowerCase()}</td>
                <td><time dateTime={p.createdAt} title={exact(p.createdAt)}>{when(p.createdAt)}</time></td>
                <td>{p.toDelete}</td>
                <td>{bytes(p.bytesToReclaim)}</td>
                <td>{p.kept}</td>
                <td>{p.appliedBy ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2 id="policies-title">Policies</h2>
      {policies === null ? <p aria-busy="true">Reading policies…</p> : (
        <table class="policies" aria-labelledby="policies-title">
          <thead><tr><th scope="col">Policy</th><th scope="col">Version</th><th scope="col">Applies to</th>
            <th scope="col">Rules</th><th scope="col">Schedule</th><th scope="col">Changed</th></tr></thead>
          <tbody>
            {policies.map((p) => <PolicyRow policy={p} />)}
          </tbody>
        </table>
      )}

      <h2 id="holds-title">Holds</h2>
      {holds === null ? <p aria-busy="true">Reading holds…</p> : holds.length === 0 ? <p>No hold.</p> : (
        <table class="holds" aria-labelledby="holds-title">
          <thead><tr><th scope="col">Artifact</th><th scope="col">Why</th><th scope="col">By</th>
            <th scope="col">Since</th></tr></thead>
          <tbody>
            {holds.map((h) => (
              <tr>
                <td>{h.registry}/{h.repository} <code title={h.digest}>{shortDigest(h.digest)}</code></td>
                <td>{h.reason}</td>
                <td>{h.heldBy ?? '—'}</td>
                <td><time dateTime={h.createdAt} title={exact(h.createdAt)}>{when(h.createdAt)}</time></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function describe(rule: Rule): string {
  const label = rule.label ? ` ${rule.label === 'none' ? 'unlabelled' : rule.label}` : '';
  switch (rule.type) {
    case 'keepNewestUsed': return `keep the newest ${rule.count} used${label}`;
    case 'keepYoungerThan': return `keep what is younger than ${rule.days} days`;
    case 'keepTagsMatching': return `keep tags matching ${rule.pattern}`;
    case 'deleteUntaggedOlderThan': return `delete untagged older than ${rule.days} days`;
    default: return rule.type;
  }
}

/** One policy's newest version; its earlier versions open beneath it. */
function PolicyRow({ policy }: { policy: Policy }) {
  const [versions, setVersions] = useState<Policy[] | string | null>(null);
  const open = () => get<Policy[]>('retention', `/api/v1/retention/policies/${encodeURIComponent(policy.id)}`)
    .then(setVersions, (e: Error) => setVersions(e.message));
  return (
    <>
      <tr>
        <th scope="row">{policy.id}</th>
        <td>{policy.version}{' '}
          {versions === null && <button type="button" class="link" onClick={open}
            aria-label={`Every version of ${policy.id}`}>history</button>}</td>
        <td><code>{policy.registry}/{policy.repository}</code></td>
        <td>{policy.rules.map(describe).join('; ')}</td>
        <td>{policy.schedule ?? '—'}{policy.autoApply ? ', applied by itself' : ''}</td>
        <td>{policy.changedBy ?? '—'}{policy.version > 0 ? <>, <time dateTime={policy.changedAt}
          title={exact(policy.changedAt)}>{when(policy.changedAt)}</time></> : ''}</td>
      </tr>
      {typeof versions === 'string' && <tr><td colSpan={6} class="problem">{versions}</td></tr>}
      {Array.isArray(versions) && versions.length === 1 && (
        <tr class="older"><td /><td colSpan={5}>No earlier version.</td></tr>
      )}
      {Array.isArray(versions) && versions.filter((v) => v.version !== policy.version).map((v) => (
        <tr class="older">
          <td />
          <td>{v.version}{v.active ? '' : ' (retired)'}</td>
          <td><code>{v.registry}/{v.repository}</code></td>
          <td>{v.rules.map(describe).join('; ')}</td>
          <td>{v.schedule ?? '—'}</td>
          <td>{v.changedBy ?? '—'}</td>
        </tr>
      ))}
    </>
  );
}

interface Filter {
  action: string;
  reason: string;
  labelClass: string;
  text: string;
}

function query(filter: Filter): string {
  const parts = [['action', filter.action], ['reason', filter.reason], ['labelClass', filter.labelClass],
    ['q', filter.text.trim()]].filter(([, value]) => value);
  return parts.map(([name, value]) => `&${name}=${encodeURIComponent(value)}`).join('');
}

/** A plan: its totals and progress, its items grouped by repository and reason, apply, pause and resume. */
function PlanReview({ id }: { id: string }) {
  const [plan, setPlan] = useState<Plan | null>(null);
  const [groups, setGroups] = useState<Group[] | null>(null);
  const [audit, setAudit] = useState<AuditEntry[]>([]);
  const [filter, setFilter] = useState<Filter>({ action: '', reason: '', labelClass: '', text: '' });
  const [confirming, setConfirming] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [confirmingRestore, setConfirmingRestore] = useState(false);
  const [tick, setTick] = useState(0);
  const base = `/api/v1/retention/plans/${encodeURIComponent(id)}`;

  useEffect(() => {
    get<Plan>('retention', base).then(setPlan, (e: Error) => setProblem(e.message));
  }, [id, tick]);

  useEffect(() => {
    get<Group[]>('retention', `${base}/groups?limit=${GROUPS_PAGE}${query(filter)}`).then(setGroups,
      (e: Error) => setProblem(e.message));
  }, [id, tick, filter]);

  const done = plan ? ['DELETED', 'SKIPPED', 'FAILED', 'RESTORED']
    .reduce((sum, state) => sum + (plan.deletions[state] ?? 0), 0) : 0;
  useEffect(() => {
    if (plan && plan.state !== 'PLANNED') {
      // the newest acts: the trail holds one row per deletion done
      get<AuditEntry[]>('retention', `${base}/audit?limit=${AUDIT_SHOWN}&offset=${Math.max(0, done - AUDIT_SHOWN)}`)
        .then(setAudit, (e: Error) => setProblem(e.message));
    }
    // while it is applied, the page follows it: its totals, its groups' states and the audit trail
    if (plan?.state === 'APPLYING') {
      const timer = setTimeout(() => setTick((t) => t + 1), 1000);
      return () => clearTimeout(timer);
    }
    return undefined;
  }, [plan]);

  const act = (path: string) => {
    setProblem(null);
    setConfirming(false);
    post<Plan>('retention', `${base}/${path}`).then((changed) => {
      setPlan(changed);
      setTick((t) => t + 1);
    }, (e: Error) => setProblem(e instanceof ApiError && e.status === 403
      ? 'Applying, pausing and resuming a plan need the operator role.' : e.message));
  };

  const restoreAll = () => {
    setProblem(null);
    setConfirmingRestore(false);
    post<Restored>('retention', `${base}/restore`).then((answer) => {
      setNotice(restoredText(answer));
      setTick((t) => t + 1);
    }, (e: Error) => setProblem(e instanceof ApiError && e.status === 403
      ? 'Restoring deletions needs the operator role.' : e.message));
  };

  if (plan === null) {
    return problem ? <p role="alert" class="problem">{problem}</p> : <p aria-busy="true">Reading the plan…</p>;
  }
  const shown = groups ?? [];
  const total = shown.reduce((sum, g) => ({ items: sum.items + g.items, size: sum.size + g.size,
    ownBytes: sum.ownBytes + g.ownBytes }), { items: 0, size: 0, ownBytes: 0 });
  const change = (part: Partial<Filter>) => setFilter({ ...filter, ...part });

  return (
    <section aria-labelledby="plan-title">
      <p><a href="#/retention">← Retention</a></p>
      <h1 id="plan-title">Plan <code>{plan.id.slice(0, 8)}</code>{' '}
        <span id="plan-state" class={`state ${plan.state.toLowerCase()}`}>{plan.state.toLowerCase()}</span></h1>
      {problem && <p role="alert" class="problem">{problem}</p>}
      {notice && <p role="status" id="plan-notice">{notice}</p>}
      <dl class="facts">
        <dt>Made</dt><dd>{exact(plan.createdAt)}</dd>
        <dt>Deletes</dt><dd>{plural(plan.toDelete, 'artifact', 'artifacts')}, freeing {bytes(plan.bytesToReclaim)}</dd>
        <dt>Keeps</dt><dd>{plural(plan.kept, 'artifact', 'artifacts')}</dd>
        {plan.appliedBy && <><dt>Applied by</dt><dd>{plan.appliedBy}, from {exact(plan.startedAt)}
          {plan.finishedAt ? ` to ${exact(plan.finishedAt)}` : ''}</dd></>}
      </dl>

      {plan.state !== 'PLANNED' && (
        <div class="progress-block">
          <progress id="plan-progress" max={Math.max(1, plan.toDelete)} value={done}
                    aria-label="Deletions done" />
          <p id="plan-progress-text" aria-live="polite">{done} of {plan.toDelete} done:{' '}
            {plan.deletions.DELETED ?? 0} deleted, {plan.deletions.SKIPPED ?? 0} skipped (kept now),{' '}
            {plan.deletions.FAILED ?? 0} failed, {plan.deletions.PENDING ?? 0} to go
            {plan.deletions.RESTORED ? `, ${plan.deletions.RESTORED} restored` : ''} — {bytes(plan.reclaimedBytes)}
            {' '}freed {plan.state === 'APPLYING' && <span class="live">live</span>}</p>
        </div>
      )}

      <div class="actions">
        {plan.state === 'PLANNED' && !confirming && plan.toDelete > 0 && (
          <button type="button" onClick={() => setConfirming(true)}>Apply…</button>
        )}
        {plan.state === 'PLANNED' && plan.toDelete === 0 && <p>Nothing to delete.</p>}
        {confirming && (
          <p role="group" aria-label="Confirm">
            Delete {plural(plan.toDelete, 'artifact', 'artifacts')} from the registries? Each is checked again
            right before it goes.{' '}
            <button type="button" class="danger" onClick={() => act('apply')}>{`Delete ${plan.toDelete}`}</button>{' '}
            <button type="button" class="secondary" onClick={() => setConfirming(false)}>Cancel</button>
          </p>
        )}
        {plan.state === 'APPLYING' && <button type="button" onClick={() => act('pause')}>Pause</button>}
        {plan.state === 'PAUSED' && <button type="button" onClick={() => act('resume')}>Resume</button>}
        {plan.state === 'APPLIED' && (plan.deletions.DELETED ?? 0) > 0 && !confirmingRestore && (
          <button type="button" class="secondary" onClick={() => setConfirmingRestore(true)}>Restore all…</button>
        )}
        {confirmingRestore && (
          <p role="group" aria-label="Confirm the restore">
            Put back every deletion whose undo window is still open, with its tags (a tag another image took since
            stays with it)?{' '}
            <button type="button" onClick={restoreAll}>Restore</button>{' '}
            <button type="button" class="secondary" onClick={() => setConfirmingRestore(false)}>Cancel</button>
          </p>
        )}
      </div>

      <h2 id="groups-title">What it deletes and keeps</h2>
      <div class="filters">
        <label>Action
          <select value={filter.action} onChange={(e) => change({ action: e.currentTarget.value })}>
            <option value="">all</option><option value="DELETE">delete</option><option value="KEEP">keep</option>
          </select></label>
        <label>Reason
          <select value={filter.reason} onChange={(e) => change({ reason: e.currentTarget.value })}>
            <option value="">all</option>
            {Object.entries(REASONS).map(([kind, text]) => <option value={kind}>{text}</option>)}
          </select></label>
        <label>Label class
          <select value={filter.labelClass} onChange={(e) => change({ labelClass: e.currentTarget.value })}>
            <option value="">all</option>
            {Object.entries(LABEL_CLASSES).map(([kind, text]) => <option value={kind}>{text}</option>)}
          </select></label>
        <label>Repository
          <input type="search" value={filter.text} placeholder="part of a name"
                 onInput={(e) => change({ text: e.currentTarget.value })} /></label>
        <span class="count" id="groups-total">{plural(total.items, 'artifact', 'artifacts')},{' '}
          {bytes(total.size)}, {bytes(total.ownBytes)} freed by deleting</span>
      </div>
      {groups === null ? <p aria-busy="true">Reading the plan's items…</p> : groups.length === 0
        ? <p>No item matches.</p> : (
          <table class="groups" aria-labelledby="groups-title">
            <thead><tr><th scope="col">Repository</th><th scope="col">Action</th><th scope="col">Reason</th>
              <th scope="col">Artifacts</th><th scope="col">Bytes</th><th scope="col">Freed</th>
              <th scope="col">Progress</th></tr></thead>
            <tbody>
              {groups.map((g) => <GroupRows group={g} base={base} filter={filter} tick={tick}
                                            canHold={plan.state === 'PLANNED'}
                                            onRestored={(answer) => {
                                              setNotice(restoredText(answer));
                                              setTick((t) => t + 1);
                                            }} />)}
            </tbody>
          </table>
        )}
      {groups !== null && groups.length === GROUPS_PAGE && (
        <p class="hint">The first {GROUPS_PAGE} groups; narrow the filters to see the others.</p>
      )}

      {plan.state !== 'PLANNED' && (
        <>
          <h2 id="audit-title">Audit trail{done > AUDIT_SHOWN ? `: the last ${AUDIT_SHOWN} of ${done}` : ''}</h2>
          {audit.length === 0 ? <p>Nothing done yet.</p> : (
            <table class="audit" aria-labelledby="audit-title">
              <thead><tr><th scope="col">When</th><th scope="col">Artifact</th><th scope="col">Outcome</th>
                <th scope="col">Detail</th></tr></thead>
              <tbody>
                {audit.map((a) => (
                  <tr>
                    <td>{exact(a.at)}</td>
                    <td>{a.repository} <code title={a.digest}>{shortDigest(a.digest)}</code></td>
                    <td class={`outcome ${a.outcome.toLowerCase()}`}>{a.outcome.toLowerCase()}</td>
                    <td>{a.detail}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}

function progressOf(group: Group): string {
  if (group.action === 'KEEP') {
    return 'kept';
  }
  return ['PENDING', 'DELETED', 'SKIPPED', 'FAILED', 'RESTORED'].filter((state) => group.states[state])
    .map((state) => `${group.states[state]} ${state.toLowerCase()}`).join(', ');
}

/**
 * A group's row; opened, its artifacts beneath it: before the plan is applied, each deletion with a hold that keeps
 * it out of the plan; after, each deletion still in its undo window with the time it closes and a restore.
 */
function GroupRows({ group, base, filter, tick, canHold, onRestored }:
                     { group: Group; base: string; filter: Filter; tick: number; canHold: boolean;
                       onRestored: (answer: Restored) => void }) {
  const [items, setItems] = useState<Item[] | string | null>(null);
  const [open, setOpen] = useState(false);
  const [held, setHeld] = useState<Set<string>>(new Set());
  const name = `${group.registry}/${group.repository}`;

  useEffect(() => {
    if (!open) {
      return;
    }
    const reason = group.reasonKind ? `&reason=${group.reasonKind}` : '';
    get<Item[]>('retention', `${base}/items?limit=1000&action=${group.action}`
      + `&registry=${encodeURIComponent(group.registry)}&repository=${encodeURIComponent(group.repository)}`
      + `${reason}${filter.labelClass ? `&labelClass=${filter.labelClass}` : ''}`)
      .then(setItems, (e: Error) => setItems(e.message));
  }, [open, tick]);

  const hold = (item: Item) => {
    post('retention', '/api/v1/holds', { registry: item.registry, repository: item.repository,
      digest: item.digest, reason: 'kept out of a plan under review' })
      .then(() => setHeld(new Set([...held, item.digest])), (e: Error) => setItems(e instanceof ApiError
        && e.status === 403 ? 'Holding an artifact needs the operator role.' : e.message));
  };

  const restore = (item: Item) => {
    post<Restored>('retention', `${base}/items/${encodeURIComponent(item.digest)}/restore`
      + `?repository=${encodeURIComponent(item.repository)}`).then(onRestored, (e: Error) => setItems(
      e instanceof ApiError && e.status === 403 ? 'Restoring a deletion needs the operator role.' : e.message));
  };
  const undoable = !canHold && group.action === 'DELETE';

  return (
    <>
      <tr class={`group ${group.action.toLowerCase()}`} data-repository={group.repository}>
        <th scope="row">
          <button type="button" class="link" aria-expanded={open} onClick={() => setOpen(!open)}>
            {open ? '▾' : '▸'} {name}</button>
        </th>
        <td class={`action ${group.action.toLowerCase()}`}>{group.action.toLowerCase()}</td>
        <td>{group.reasonKind ? REASONS[group.reasonKind] ?? group.reasonKind : '—'}</td>
        <td>{group.items}</td>
        <td>{bytes(group.size)}</td>
        <td>{group.action === 'DELETE' ? bytes(group.ownBytes) : '—'}</td>
        <td class="progress">{progressOf(group)}</td>
      </tr>
      {open && (
        <tr class="items">
          <td colSpan={7}>
            {items === null ? <p aria-busy="true">Reading…</p> : typeof items === 'string'
              ? <p role="alert" class="problem">{items}</p> : (
                <table class="items">
                  <thead><tr><th scope="col">Digest</th><th scope="col">Kind</th><th scope="col">Tags</th>
                    <th scope="col">Why</th><th scope="col">State</th><th scope="col">Bytes</th>
                    {canHold && group.action === 'DELETE' && <th scope="col">Hold</th>}
                    {undoable && <th scope="col">Undo</th>}</tr></thead>
                  <tbody>
                    {items.map((item) => (
                      <tr>
                        <td><code title={item.digest}>{shortDigest(item.digest)}</code></td>
                        <td>{item.kind}</td>
                        <td>{item.tags.join(', ') || '—'}</td>
                        <td>{item.reasons}{item.detail ? ` — ${item.detail}` : ''}</td>
                        <td class={`state ${item.state.toLowerCase()}`}>{item.state.toLowerCase()}</td>
                        <td>{bytes(item.size)}</td>
                        {canHold && group.action === 'DELETE' && (
                          <td>{held.has(item.digest) ? 'held: skipped when applied' : (
                            <button type="button" class="secondary" onClick={() => hold(item)}>Hold</button>
                          )}</td>
                        )}
                        {undoable && (
                          <td class="undo">{item.restorableUntil ? (
                            <>restorable until {exact(item.restorableUntil)}{' '}
                              <button type="button" class="secondary" onClick={() => restore(item)}>Restore</button></>
                          ) : '—'}</td>
                        )}
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
          </td>
        </tr>
      )}
    </>
  );
}
