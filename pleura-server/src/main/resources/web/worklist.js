import { api, start, mountChrome, translate, t, el, findingName, personName, dicomDate, age, waiting, score,
  state, toast } from '/ui/app.js';

const LEVELS = ['urgent_positive', 'doubtful', 'follow_up', 'routine'];
let rows = [];
let selected = 0;
let lastUids = new Set();
let reloadTimer = null;

function filterParams() {
  const f = document.getElementById('filters');
  const p = new URLSearchParams();
  const q = f.q.value.trim();
  if (q) p.set('q', q);
  if (f.from.value) p.set('from', String(new Date(f.from.value + 'T00:00:00').getTime()));
  if (f.to.value) p.set('to', String(new Date(f.to.value + 'T00:00:00').getTime() + 86400000));
  for (const k of ['level', 'finding', 'call', 'reviewed']) if (f[k].value) p.set(k, f[k].value);
  p.set('limit', '200');
  return p;
}

function saveFilters() {
  const f = document.getElementById('filters');
  const v = {};
  for (const k of ['q', 'from', 'to', 'level', 'finding', 'call', 'reviewed']) v[k] = f[k].value;
  sessionStorage.setItem('pleura.filters', JSON.stringify(v));
}

function restoreFilters() {
  try {
    const v = JSON.parse(sessionStorage.getItem('pleura.filters') || '{}');
    const f = document.getElementById('filters');
    for (const [k, x] of Object.entries(v)) if (f[k]) f[k].value = x;
  } catch (e) { /* none saved */ }
}

async function load() {
  let data;
  try {
    data = await api('/api/reading/worklist?' + filterParams().toString());
  } catch (e) {
    if (e.status !== 401) toast(e.message);
    return;
  }
  const fresh = new Set(data.studies.map(s => s.studyInstanceUid).filter(u => lastUids.size > 0 && !lastUids.has(u)));
  lastUids = new Set(data.studies.map(s => s.studyInstanceUid));
  rows = data.studies;
  sessionStorage.setItem('pleura.worklist', JSON.stringify(rows.map(s => s.studyInstanceUid)));
  render(fresh);
  document.getElementById('count').replaceChildren(el('b', {}, String(data.total)), ' ', t('worklist.studies'));
  const counts = {};
  for (const s of rows) counts[s.level] = (counts[s.level] || 0) + 1;
  document.getElementById('level-counts').replaceChildren(...LEVELS.filter(l => counts[l]).map(l =>
    el('span', { class: 'level-badge level-' + l }, t('level.' + l) + ' · ' + counts[l])));
  document.getElementById('updated').textContent = t('worklist.updated', { time: new Date().toLocaleTimeString(state.lang === 'fr' ? 'fr-FR' : 'en-GB') });
}

function render(fresh) {
  const body = document.getElementById('rows');
  body.replaceChildren(...rows.map((s, i) => row(s, i, fresh.has(s.studyInstanceUid))));
  document.getElementById('empty').classList.toggle('hidden', rows.length > 0);
  select(Math.min(selected, rows.length - 1), false);
}

function row(s, i, fresh) {
  const images = s.images || {};
  const pending = (images.queued || 0) + (images.running || 0);
  let status;
  if (pending > 0) status = el('span', { class: 'status-pill pending' }, t('analysis.pending', { n: pending }));
  else if ((images.done || 0) > 0) status = el('span', { class: 'status-pill' }, t('analysis.done', { n: images.done }));
  else if ((images.refused || 0) > 0) status = el('span', { class: 'status-pill refused' }, t('analysis.refused'));
  else status = el('span', { class: 'status-pill refused' }, t('analysis.failed'));
  const calls = s.calls.length ? s.calls.map(c => el('span', { class: 'chip ' + c.call,
    title: t('call.' + c.call) }, findingName(c.finding), el('span', { class: 'score' }, score(c.score))))
    : [el('span', { class: 'faint' }, pending > 0 ? '…' : t('worklist.noFinding'))];
  const patientSub = [s.patientId && t('patient.id', { id: s.patientId }), s.patientSex, age(s.patientBirthDate)]
    .filter(Boolean).join(' · ');
  const tr = el('tr', { class: 'level-' + s.level + (s.reviewed ? ' reviewed' : '') + (fresh ? ' fresh' : ''),
    tabindex: '-1', dataset: { uid: s.studyInstanceUid, level: s.level }, onclick: () => open(i) },
    el('td', {}, el('span', { class: 'level-badge' }, t('level.' + s.level)),
      s.overdue ? el('div', {}, el('span', { class: 'overdue-badge', title: t('worklist.overdueHint') }, t('worklist.overdue'))) : null),
    el('td', { class: 'wait' }, waiting(s.waitingMinutes)),
    el('td', { class: 'patient' }, el('b', {}, personName(s.patientName)), el('div', { class: 'sub' }, patientSub)),
    el('td', { class: 'mono' }, s.accessionNumber || '—'),
    el('td', {}, el('div', {}, dicomDate(s.studyDate) || '—'), el('div', { class: 'muted' }, s.studyDescription || '')),
    el('td', { class: 'calls' }, calls),
    el('td', {}, status),
    el('td', {}, s.reviewed ? el('span', { class: 'reviewed-mark', title: s.reviewers.join(', ') },
      '✓ ' + s.reviewers.join(', ')) : el('span', { class: 'faint' }, t('worklist.toReview'))));
  return tr;
}

function select(i, focus = true) {
  const trs = document.querySelectorAll('#rows tr');
  trs.forEach(r => r.classList.remove('selected'));
  if (i < 0 || i >= trs.length) return;
  selected = i;
  trs[i].classList.add('selected');
  if (focus) trs[i].focus();
}

function open(i) {
  const s = rows[i];
  if (s) location.href = '/viewer?study=' + encodeURIComponent(s.studyInstanceUid);
}

function scheduleReload() {
  clearTimeout(reloadTimer);
  reloadTimer = setTimeout(load, 300);
}

function live() {
  const indicator = document.getElementById('live');
  indicator.textContent = t('worklist.connecting');
  let poll = null;
  const es = new EventSource('/api/reading/events');
  es.addEventListener('hello', () => { indicator.classList.add('on'); indicator.textContent = t('worklist.live'); });
  es.addEventListener('worklist', scheduleReload);
  es.onerror = () => {
    indicator.classList.remove('on');
    indicator.textContent = t('worklist.offline');
    if (!poll) poll = setInterval(load, 15000);
  };
  es.onopen = () => { if (poll) { clearInterval(poll); poll = null; } };
}

async function main() {
  await start();
  mountChrome('worklist');
  document.title = 'Pleura — ' + t('worklist.title');
  const sel = document.getElementById('f-finding');
  for (const f of state.catalogue.findings) sel.append(el('option', { value: f.id }, findingName(f.id)));
  translate();
  restoreFilters();
  const form = document.getElementById('filters');
  form.addEventListener('change', () => { saveFilters(); load(); });
  let typing = null;
  form.q.addEventListener('input', () => { clearTimeout(typing); typing = setTimeout(() => { saveFilters(); load(); }, 250); });
  form.addEventListener('submit', ev => ev.preventDefault());
  form.addEventListener('reset', () => setTimeout(() => { saveFilters(); load(); }, 0));
  document.addEventListener('keydown', ev => {
    if (ev.target.closest && ev.target.closest('input, select, dialog')) return;
    if (ev.key === 'ArrowDown' || ev.key === 'j') { select(Math.min(rows.length - 1, selected + 1)); ev.preventDefault(); }
    else if (ev.key === 'ArrowUp' || ev.key === 'k') { select(Math.max(0, selected - 1)); ev.preventDefault(); }
    else if (ev.key === 'Enter') open(selected);
  });
  document.getElementById('page').classList.remove('hidden');
  await load();
  live();
}

main();
