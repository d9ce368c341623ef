// Shared by every page of the reading room: API calls (session cookie + CSRF token), messages in the user's
// language, the finding catalogue, the page header with the "AI aid, not a diagnosis" notice, DOM helpers.
// Nothing here knows a finding: names come from the model's catalogue (/api/catalogue).

export const state = { session: null, lang: 'fr', messages: {}, catalogue: null };

/** An API error with the server's problem document. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem && problem.detail ? problem.detail : 'HTTP ' + status);
    this.status = status;
    this.problem = problem || {};
  }
}

/** Calls the API: JSON in and out, the CSRF token on state-changing requests; 401 sends the user to sign in. */
export async function api(path, { method = 'GET', body, raw = false, redirect = true } = {}) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && state.session) headers['X-CSRF-Token'] = state.session.csrfToken;
  const r = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin', cache: 'no-store' });
  if (r.status === 401 && redirect) {
    goToLogin();
    return new Promise(() => {});   // the page is leaving for the sign-in page
  }
  if (!r.ok) {
    let problem = null;
    try { problem = await r.json(); } catch (e) { problem = null; }
    throw new ApiError(r.status, problem);
  }
  if (raw) return r;
  if (r.status === 204) return null;
  return r.json();
}

export function goToLogin() {
  const next = location.pathname + location.search;
  location.href = '/login?next=' + encodeURIComponent(next);
}

/** The signed-in user, or a redirect to the sign-in page. Loads messages and the catalogue. */
export async function start({ catalogue = true } = {}) {
  state.session = await api('/api/session');
  state.lang = state.session.user.language || 'fr';
  await loadMessages(state.lang);
  if (catalogue) state.catalogue = await api('/api/catalogue');
  document.documentElement.lang = state.lang;
  return state.session;
}

export async function loadMessages(lang) {
  const r = await fetch('/ui/' + (lang === 'en' ? 'en' : 'fr') + '.json', { cache: 'no-cache' });
  state.messages = await r.json();
  state.lang = lang === 'en' ? 'en' : 'fr';
}

/** The message {@code key} with {name} parameters replaced. */
export function t(key, params = {}) {
  let s = state.messages[key];
  if (s === undefined) return key;
  for (const [k, v] of Object.entries(params)) s = s.split('{' + k + '}').join(String(v));
  return s;
}

/** Fills data-i18n (text), data-i18n-title, data-i18n-placeholder and data-i18n-label attributes. */
export function translate(root = document) {
  root.querySelectorAll('[data-i18n]').forEach(e => { e.textContent = t(e.dataset.i18n); });
  root.querySelectorAll('[data-i18n-title]').forEach(e => { e.title = t(e.dataset.i18nTitle); });
  root.querySelectorAll('[data-i18n-placeholder]').forEach(e => { e.placeholder = t(e.dataset.i18nPlaceholder); });
  root.querySelectorAll('[data-i18n-label]').forEach(e => { e.setAttribute('aria-label', t(e.dataset.i18nLabel)); });
}

/** A finding's name in the user's language, from the catalogue (the id when the catalogue does not know it). */
export function findingName(id) {
  const c = state.catalogue;
  if (c) {
    const f = c.findings.find(x => x.id === id) || (c.studyLevel && c.studyLevel.id === id ? c.studyLevel : null);
    if (f) return f.names[state.lang] || f.names.en || id;
  }
  return id;
}

/** The name of the study-level entry of the model that read an image ("Fracture suspected", "Abnormal study"). */
export function studyLevelName(modelId) {
  const c = state.catalogue;
  const entry = c && ((c.studyLevels && c.studyLevels[modelId]) || c.studyLevel);
  if (!entry) return 'abnormal';
  return entry.names[state.lang] || entry.names.en || entry.id;
}

export function finding(id) {
  return state.catalogue ? state.catalogue.findings.find(x => x.id === id) : null;
}

/** Creates an element: el('td', {class: 'x', onclick: f}, 'text', child). Text is never parsed as HTML. */
export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') e.addEventListener(k.slice(2), v);
    else if (k === 'class') e.className = v;
    else if (k === 'dataset') Object.assign(e.dataset, v);
    else if (v === true) e.setAttribute(k, '');
    else e.setAttribute(k, v);
  }
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

const NOTICE_ICON = '<svg width="16" height="16" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2.2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true"><path d="M10.3 3.9 1.8 18a2 2 0 0 0 1.7 3h17a2 2 0 0 0 1.7-3L13.7 3.9a2 2 0 0 0-3.4 0z"/><path d="M12 9v4"/><path d="M12 17h.01"/></svg>';

/** The "AI aid, not a diagnosis" banner, always visible under the header. */
export function notice() {
  const n = el('div', { class: 'notice', role: 'note', id: 'ai-notice' });
  n.innerHTML = NOTICE_ICON;
  n.append(el('span', {}, t('notice.short')), el('span', { class: 'detail' }, t('notice.long')));
  return n;
}

/** The header: brand, navigation, user, language switch, password, sign out. */
export function header(active) {
  const s = state.session;
  const nav = el('nav', { class: 'app-nav', 'aria-label': t('nav.label') },
    el('a', { href: '/worklist', 'aria-current': active === 'worklist' ? 'page' : null }, t('nav.worklist')),
    s.may.admin ? el('a', { href: '/admin', 'aria-current': active === 'admin' ? 'page' : null }, t('nav.admin')) : null);
  const lang = el('div', { class: 'lang-switch', role: 'group', 'aria-label': t('user.language') },
    ...['fr', 'en'].map(l => el('button', { type: 'button', 'aria-pressed': String(state.lang === l), 'data-lang': l,
      onclick: () => setLanguage(l) }, l.toUpperCase())));
  const h = el('header', { class: 'app-header' },
    el('a', { class: 'brand', href: '/worklist' }, el('img', { src: '/ui/favicon.svg', alt: '' }), 'Pleura',
      el('small', {}, t('brand.tagline'))),
    nav, el('div', { class: 'spacer' }),
    el('div', { class: 'user-box' },
      el('div', { class: 'who' }, el('b', { id: 'user-name' }, s.user.displayName), el('span', {}, t('role.' + s.user.role))),
      lang,
      el('button', { class: 'btn small', type: 'button', onclick: changePassword }, t('user.password')),
      el('button', { class: 'btn small', type: 'button', id: 'sign-out', onclick: signOut }, t('user.signOut'))));
  return h;
}

/** Mounts header and notice at the top of the body. */
export function mountChrome(active) {
  document.body.prepend(header(active), notice());
}

async function setLanguage(l) {
  if (l === state.lang) return;
  await api('/api/me', { method: 'POST', body: { language: l } });
  location.reload();
}

async function signOut() {
  try { await api('/api/session/end', { method: 'POST', body: {} }); } finally { location.href = '/login'; }
}

function changePassword() {
  const err = el('div', { class: 'error-text' });
  const current = el('input', { type: 'password', autocomplete: 'current-password', required: true });
  const next = el('input', { type: 'password', autocomplete: 'new-password', required: true, minlength: '10' });
  const again = el('input', { type: 'password', autocomplete: 'new-password', required: true, minlength: '10' });
  const d = el('dialog', {}, el('form', { method: 'dialog' },
    el('h2', {}, t('user.password')),
    el('label', { class: 'field' }, el('span', {}, t('password.current')), current),
    el('label', { class: 'field' }, el('span', {}, t('password.new')), next),
    el('label', { class: 'field' }, el('span', {}, t('password.again')), again),
    el('div', { class: 'muted' }, t('password.rule')), err,
    el('div', { class: 'actions' },
      el('button', { class: 'btn', type: 'button', onclick: () => d.close() }, t('common.cancel')),
      el('button', { class: 'btn primary', type: 'submit' }, t('common.save')))));
  d.querySelector('form').addEventListener('submit', async ev => {
    ev.preventDefault();
    if (next.value !== again.value) { err.textContent = t('password.mismatch'); return; }
    try {
      await api('/api/me/password', { method: 'POST', body: { current: current.value, password: next.value } });
      d.close();
      toast(t('password.changed'), true);
    } catch (e) { err.textContent = e.message; }
  });
  document.body.append(d);
  d.showModal();
}

let toastTimer = null;
/** A short message at the bottom right (errors by default). */
export function toast(message, ok = false) {
  let n = document.getElementById('toast');
  if (!n) { n = el('div', { id: 'toast', role: 'status' }); document.body.append(n); }
  n.className = 'toast' + (ok ? ' ok' : '');
  n.textContent = message;
  n.classList.remove('hidden');
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => n.classList.add('hidden'), 6000);
}

/** "DUPONT^JEAN^^^" -> "DUPONT Jean". */
export function personName(pn) {
  if (!pn) return '—';
  const parts = pn.split('^').map(s => s.trim()).filter(Boolean);
  if (parts.length === 0) return '—';
  const cap = s => s.charAt(0).toUpperCase() + s.slice(1).toLowerCase();
  return [parts[0].toUpperCase(), ...parts.slice(1).map(cap)].join(' ');
}

/** YYYYMMDD -> a local date, or ''. */
export function dicomDate(d) {
  if (!d || d.length < 8) return '';
  const dt = new Date(Number(d.slice(0, 4)), Number(d.slice(4, 6)) - 1, Number(d.slice(6, 8)));
  return dt.toLocaleDateString(state.lang === 'fr' ? 'fr-FR' : 'en-GB');
}

export function dateTime(iso) {
  if (!iso) return '';
  return new Date(iso).toLocaleString(state.lang === 'fr' ? 'fr-FR' : 'en-GB',
    { dateStyle: 'short', timeStyle: 'medium' });
}

/** Age in years from YYYYMMDD, or ''. */
export function age(birth) {
  if (!birth || birth.length < 8) return '';
  const b = new Date(Number(birth.slice(0, 4)), Number(birth.slice(4, 6)) - 1, Number(birth.slice(6, 8)));
  const n = new Date();
  let a = n.getFullYear() - b.getFullYear();
  if (n.getMonth() < b.getMonth() || (n.getMonth() === b.getMonth() && n.getDate() < b.getDate())) a--;
  return a >= 0 && a < 150 ? t('patient.age', { n: a }) : '';
}

export function waiting(minutes) {
  if (minutes < 60) return t('wait.minutes', { n: minutes });
  const h = Math.floor(minutes / 60);
  if (h < 48) return t('wait.hours', { h, m: String(minutes % 60).padStart(2, '0') });
  return t('wait.days', { n: Math.floor(h / 24) });
}

export function score(x) {
  return (Math.round(x * 100) / 100).toFixed(2);
}
