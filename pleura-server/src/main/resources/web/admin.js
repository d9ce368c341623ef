import { api, start, mountChrome, translate, t, el, findingName, state, toast, dateTime } from '/ui/app.js';

const TABS = ['users', 'audit', 'feedback', 'settings'];
let auditOffset = 0;

function showTab(name) {
  for (const x of TABS) {
    document.getElementById('tab-' + x).setAttribute('aria-selected', String(x === name));
    document.getElementById('panel-' + x).classList.toggle('hidden', x !== name);
  }
  history.replaceState(null, '', '#' + name);
  ({ users: loadUsers, audit: () => loadAudit(true), feedback: loadAgreement, settings: loadSettings })[name]();
}

// ------------------------------------------------------------------ users

async function loadUsers() {
  const users = await api('/api/users');
  const body = document.querySelector('#users tbody');
  body.replaceChildren(...users.map(u => {
    const role = el('select', { 'aria-label': t('users.role') }, ['clinician', 'radiologist', 'admin'].map(r =>
      el('option', { value: r, selected: r === u.role }, t('role.' + r))));
    role.addEventListener('change', () => update(u.username, { role: role.value }));
    const status = u.locked ? el('span', { class: 'pill bad' }, t('users.locked'))
      : u.active ? el('span', { class: 'pill ok' }, t('users.active')) : el('span', { class: 'pill bad' }, t('users.disabled'));
    return el('tr', { dataset: { username: u.username } },
      el('td', { class: 'mono' }, u.username), el('td', {}, u.displayName), el('td', {}, role),
      el('td', {}, u.language.toUpperCase()), el('td', {}, status), el('td', {}, dateTime(u.createdAt)),
      el('td', { class: 'nowrap' },
        u.locked ? el('button', { class: 'btn small', type: 'button', onclick: () => update(u.username, { unlock: true }) }, t('users.unlock')) : null,
        el('button', { class: 'btn small', type: 'button', onclick: () => update(u.username, { active: !u.active }) },
          u.active ? t('users.disable') : t('users.enable')),
        el('button', { class: 'btn small', type: 'button', onclick: () => resetPassword(u.username) }, t('users.reset'))));
  }));
}

async function update(username, body) {
  try {
    await api('/api/users/' + encodeURIComponent(username), { method: 'POST', body });
    toast(t('common.saved'), true);
  } catch (e) { toast(e.message); }
  loadUsers();
}

function resetPassword(username) {
  const input = el('input', { type: 'password', autocomplete: 'new-password', required: true, minlength: '10' });
  const err = el('div', { class: 'error-text' });
  const d = el('dialog', {}, el('form', { method: 'dialog' }, el('h2', {}, t('users.resetTitle', { name: username })),
    el('label', { class: 'field' }, el('span', {}, t('password.new')), input), el('div', { class: 'muted' }, t('password.rule')), err,
    el('div', { class: 'actions' }, el('button', { class: 'btn', type: 'button', onclick: () => d.close() }, t('common.cancel')),
      el('button', { class: 'btn primary', type: 'submit' }, t('common.save')))));
  d.querySelector('form').addEventListener('submit', async ev => {
    ev.preventDefault();
    try {
      await api('/api/users/' + encodeURIComponent(username), { method: 'POST', body: { password: input.value } });
      d.close();
      toast(t('common.saved'), true);
    } catch (e) { err.textContent = e.message; }
  });
  document.body.append(d);
  d.showModal();
}

async function createUser(ev) {
  ev.preventDefault();
  const f = ev.target;
  try {
    await api('/api/users', { method: 'POST', body: { username: f.username.value, displayName: f.displayName.value,
      role: f.role.value, language: f.language.value, password: f.password.value } });
    f.reset();
    toast(t('users.created'), true);
    loadUsers();
  } catch (e) { toast(e.message); }
}

// ------------------------------------------------------------------ audit

function auditParams() {
  const f = document.getElementById('audit-filters');
  const p = new URLSearchParams();
  if (f.from.value) p.set('from', String(new Date(f.from.value + 'T00:00:00').getTime()));
  if (f.to.value) p.set('to', String(new Date(f.to.value + 'T00:00:00').getTime() + 86400000));
  for (const k of ['actor', 'action', 'target']) if (f[k].value.trim()) p.set(k, f[k].value.trim());
  return p;
}

async function loadAudit(reset) {
  if (reset) auditOffset = 0;
  const p = auditParams();
  document.getElementById('audit-csv').href = '/api/audit.csv?' + p.toString();
  p.set('limit', '200');
  p.set('offset', String(auditOffset));
  const data = await api('/api/audit?' + p.toString());
  const sel = document.querySelector('#audit-filters select[name=action]');
  if (sel.options.length <= 1) for (const a of data.actions) sel.append(el('option', { value: a }, a));
  const body = document.querySelector('#audit tbody');
  const rows = data.events.map(e => el('tr', { dataset: { action: e.action } },
    el('td', { class: 'nowrap' }, dateTime(e.at)), el('td', {}, e.actor), el('td', { class: 'muted' }, e.role),
    el('td', { class: 'mono' }, e.action), el('td', { class: 'mono' }, e.target), el('td', {}, e.detail),
    el('td', { class: 'mono faint' }, e.ip)));
  if (reset) body.replaceChildren(...rows); else body.append(...rows);
  auditOffset += data.events.length;
  document.getElementById('audit-count').textContent = t('audit.count', { shown: auditOffset, total: data.total });
  document.getElementById('audit-more-wrap').classList.toggle('hidden', auditOffset >= data.total);
  const chain = await api('/api/audit/verify');
  document.getElementById('chain').replaceChildren(chain.intact
    ? el('span', { class: 'pill ok', id: 'chain-status', title: chain.head }, t('audit.intact', { n: chain.events, head: chain.head.slice(0, 12) }))
    : el('span', { class: 'pill bad', id: 'chain-status' }, t('audit.broken', { id: chain.brokenAt })));
}

// ------------------------------------------------------------------ feedback

async function loadAgreement() {
  const data = await api('/api/feedback/agreement');
  const cell = c => c.agreed + c.disagreed === 0 ? el('td', { class: 'faint' }, '—')
    : el('td', { class: 'mono' }, c.agreed + ' / ' + c.disagreed + ' (' + Math.round(c.rate * 100) + '%)');
  document.querySelector('#agreement tbody').replaceChildren(...data.findings.map(f => {
    const bar = el('span', { class: 'bar' }, el('i'));
    bar.firstChild.style.width = f.rate == null ? '0' : Math.round(f.rate * 100) + '%';
    if (f.rate != null && f.rate < 0.5) bar.firstChild.classList.add('low');
    return el('tr', { dataset: { finding: f.finding } }, el('td', {}, findingName(f.finding)),
      cell(f.calls.positive), cell(f.calls.doubtful), cell(f.calls.negative), f.added ? el('td', { class: 'mono' }, String(f.added)) : el('td', { class: 'faint' }, '—'),
      el('td', {}, el('span', { class: 'rate' }, bar, f.rate == null ? '—' : Math.round(f.rate * 100) + '%',
        el('span', { class: 'faint' }, '(' + (f.agreed + f.disagreed) + ')'))));
  }));
}

// ------------------------------------------------------------------ settings and tokens

async function loadSettings() {
  const settings = await api('/api/settings');
  const form = document.getElementById('settings');
  form.replaceChildren(...settings.map(s => el('label', { class: 'field' }, el('span', {}, t('setting.' + s.key)),
    s.choices ? el('select', { name: s.key }, s.choices.map(c => el('option', { value: c, selected: c === s.value }, t('setting.' + s.key + '.' + c))))
      : el('input', { type: 'number', name: s.key, value: s.value, min: String(s.min), max: String(s.max) }))),
  el('button', { class: 'btn primary', type: 'submit' }, t('common.save')));
  loadTokens();
}

async function saveSettings(ev) {
  ev.preventDefault();
  const body = {};
  for (const e of ev.target.elements) if (e.name) body[e.name] = e.value;
  try {
    await api('/api/settings', { method: 'POST', body });
    toast(t('common.saved'), true);
  } catch (e) { toast(e.message); }
  loadSettings();
}

async function loadTokens() {
  const tokens = await api('/api/tokens');
  if (tokens.length === 0) {
    document.querySelector('#tokens tbody').replaceChildren(el('tr', {}, el('td', { colspan: '7', class: 'faint' }, t('tokens.none'))));
    return;
  }
  document.querySelector('#tokens tbody').replaceChildren(...tokens.map(k => el('tr', {},
    el('td', {}, k.name), el('td', { class: 'mono' }, k.scopes.join(', ')), el('td', {}, k.createdBy),
    el('td', {}, dateTime(k.createdAt)), el('td', {}, k.lastUsedAt ? dateTime(k.lastUsedAt) : '—'),
    el('td', {}, k.revokedAt ? el('span', { class: 'pill bad' }, t('tokens.revoked')) : el('span', { class: 'pill ok' }, t('users.active'))),
    el('td', {}, k.revokedAt ? null : el('button', { class: 'btn small danger', type: 'button', onclick: () => revoke(k.id) }, t('tokens.revoke'))))));
}

async function revoke(id) {
  try { await api('/api/tokens/' + id + '/revoke', { method: 'POST', body: {} }); } catch (e) { toast(e.message); }
  loadTokens();
}

async function createToken(ev) {
  ev.preventDefault();
  const f = ev.target;
  const scopes = [];
  if (f.store.checked) scopes.push('store');
  if (f.read.checked) scopes.push('read');
  try {
    const k = await api('/api/tokens', { method: 'POST', body: { name: f.name.value, scopes } });
    document.getElementById('new-token-secret').replaceChildren(el('p', { class: 'muted' }, t('tokens.once')),
      el('div', { class: 'secret' }, k.token));
    f.reset();
    loadTokens();
  } catch (e) { toast(e.message); }
}

async function main() {
  await start();
  if (!state.session.may.admin) { location.href = '/worklist'; return; }
  mountChrome('admin');
  translate();
  document.title = 'Pleura — ' + t('admin.title');
  for (const x of TABS) document.getElementById('tab-' + x).addEventListener('click', () => showTab(x));
  document.getElementById('new-user').addEventListener('submit', createUser);
  document.getElementById('audit-filters').addEventListener('submit', ev => { ev.preventDefault(); loadAudit(true); });
  document.getElementById('audit-more').addEventListener('click', () => loadAudit(false));
  document.getElementById('settings').addEventListener('submit', saveSettings);
  document.getElementById('new-token').addEventListener('submit', createToken);
  document.getElementById('page').classList.remove('hidden');
  const want = location.hash.slice(1);
  showTab(TABS.includes(want) ? want : 'users');
}

main();
