// Who is signed in (GET /api/v1/me) and what the console offers them; the server enforces the same regardless.
export const session = { me: { subject: '', roles: [] } };

const has = (...roles) => session.me.roles.some(r => roles.includes(r));

export const can = {
  ingest: () => has('ingest', 'engineer'),
  operate: () => has('engineer', 'lead'),
  unshelve: () => has('lead', 'admin'),
  audit: () => has('auditor'),
  whyNot: () => has('engineer', 'lead', 'auditor', 'admin'),
  note: () => has('engineer', 'lead'),
  /** Read proposals, shadow outcomes, versions and monitor-only events. */
  readKnowledge: () => has('engineer', 'lead', 'auditor', 'admin'),
  /** Propose, review (never one's own), roll back, stop a monitor-only version. */
  changeKnowledge: () => has('lead', 'admin'),
};
