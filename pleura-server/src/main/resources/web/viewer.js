// The viewer: the radiograph at full resolution with window/level in the browser (16-bit values from
// /api/reading/instances/{uid}/pixels), zoom and pan, the model's boxes (solid positive, dashed doubtful) toggled
// per finding, heat maps with adjustable opacity, the findings with scores, calls and operating points, and the
// radiologist's feedback (agree / disagree, missed findings drawn as boxes).
import { api, start, mountChrome, translate, t, el, findingName, studyLevelName, finding, personName, dicomDate, age, score,
  state, toast, dateTime } from '/ui/app.js';

const studyUid = new URLSearchParams(location.search).get('study');
const canvas = document.getElementById('canvas');
const stage = document.getElementById('stage');
const ctx = canvas.getContext('2d');

let study = null;          // GET /api/reading/studies/{uid}
let current = 0;           // index of the image shown
let img = null;            // decoded pixels: {width, height, offset, slope, invert, min, max, windows, default, data, maxV}
const off = document.createElement('canvas');
const offCtx = off.getContext('2d');
let view = { scale: 1, tx: 0, ty: 0 };
let wl = { c: 0, w: 1 };
let invert = false;
let tool = 'wl';
let showBoxes = true;
const hiddenFindings = new Set();
let heat = { on: false, finding: null, opacity: 0.45, grids: null, canvas: null };
let draft = null;          // rectangle being drawn, image coordinates
let drawFinding = '';
let presets = [];
let pendingFrame = 0;
let dirtyPixels = false;
const pixelCache = new Map();

// ------------------------------------------------------------------ pixels

function parsePixels(buffer) {
  const head = new DataView(buffer, 0, 8);
  const magic = String.fromCharCode(head.getUint8(0), head.getUint8(1), head.getUint8(2), head.getUint8(3));
  if (magic !== 'PLX1') throw new Error('unexpected pixel format');
  const n = head.getUint32(4, true);
  const meta = JSON.parse(new TextDecoder().decode(new Uint8Array(buffer, 8, n)));
  const data = new Uint16Array(buffer, 8 + n, meta.width * meta.height);
  let maxV = 0;
  for (let i = 0; i < data.length; i++) if (data[i] > maxV) maxV = data[i];
  return Object.assign(meta, { data, maxV });
}

async function loadPixels(uid) {
  if (pixelCache.has(uid)) return pixelCache.get(uid);
  const r = await api('/api/reading/instances/' + encodeURIComponent(uid) + '/pixels', { raw: true });
  const p = parsePixels(await r.arrayBuffer());
  pixelCache.set(uid, p);
  while (pixelCache.size > 3) pixelCache.delete(pixelCache.keys().next().value);
  return p;
}

function percentileWindow(p, lo, hi) {
  const hist = new Uint32Array(p.maxV + 1);
  const step = Math.max(1, Math.floor(p.data.length / 2000000));
  let n = 0;
  for (let i = 0; i < p.data.length; i += step) { hist[p.data[i]]++; n++; }
  let acc = 0, a = 0, b = p.maxV;
  for (let v = 0; v <= p.maxV; v++) { acc += hist[v]; if (acc >= n * lo) { a = v; break; } }
  acc = 0;
  for (let v = p.maxV; v >= 0; v--) { acc += hist[v]; if (acc >= n * (1 - hi)) { b = v; break; } }
  const ma = p.offset + p.slope * a, mb = p.offset + p.slope * Math.max(b, a + 1);
  return { c: (ma + mb) / 2, w: Math.max(1, mb - ma) };
}

function buildPresets(p) {
  const list = [];
  list.push({ label: t('viewer.presetDefault') + (p.default.label && p.default.label !== 'auto' ? ' (' + p.default.label + ')' : ''),
    c: p.default.center, w: p.default.width });
  p.windows.forEach((w, i) => { if (i > 0 || p.windows.length > 1) list.push({ label: w.label || t('viewer.presetFile', { n: i + 1 }), c: w.center, w: w.width }); });
  const auto = percentileWindow(p, 0.01, 0.99);
  list.push({ label: t('viewer.presetAuto'), c: auto.c, w: auto.w });
  list.push({ label: t('viewer.presetFull'), c: (p.min + p.max) / 2, w: Math.max(1, p.max - p.min) });
  const d = list[0];
  list.push({ label: t('viewer.presetContrast'), c: d.c, w: Math.max(1, d.w * 0.6) });
  list.push({ label: t('viewer.presetSoft'), c: d.c, w: d.w * 1.6 });
  return list;
}

function renderPixels() {
  const p = img;
  if (!p) return;
  if (off.width !== p.width || off.height !== p.height) { off.width = p.width; off.height = p.height; }
  const lo = wl.c - wl.w / 2;
  const lut = new Uint32Array(p.maxV + 1);
  const inv = p.invert !== invert;
  for (let v = 0; v <= p.maxV; v++) {
    let g = (p.offset + p.slope * v - lo) / wl.w;
    g = g < 0 ? 0 : g > 1 ? 1 : g;
    if (inv) g = 1 - g;
    const b = Math.round(g * 255);
    lut[v] = 0xff000000 | (b << 16) | (b << 8) | b;
  }
  const imageData = offCtx.createImageData(p.width, p.height);
  const out = new Uint32Array(imageData.data.buffer);
  const data = p.data;
  for (let i = 0; i < data.length; i++) out[i] = lut[data[i]];
  offCtx.putImageData(imageData, 0, 0);
}

// ------------------------------------------------------------------ drawing

function schedule(pixels = false) {
  dirtyPixels = dirtyPixels || pixels;
  if (pendingFrame) return;
  pendingFrame = requestAnimationFrame(() => {
    pendingFrame = 0;
    if (dirtyPixels) { renderPixels(); dirtyPixels = false; }
    draw();
  });
}

function resizeCanvas() {
  const r = stage.getBoundingClientRect();
  const dpr = window.devicePixelRatio || 1;
  canvas.width = Math.max(1, Math.round(r.width * dpr));
  canvas.height = Math.max(1, Math.round(r.height * dpr));
}

function fit() {
  if (!img) return;
  const r = stage.getBoundingClientRect();
  const s = Math.min(r.width / img.width, r.height / img.height) * 0.98;
  view = { scale: s, tx: (r.width - img.width * s) / 2, ty: (r.height - img.height * s) / 2 };
  schedule();
}

function actualSize() {
  if (!img) return;
  const r = stage.getBoundingClientRect();
  const s = 1 / (window.devicePixelRatio || 1);
  const cx = (r.width / 2 - view.tx) / view.scale, cy = (r.height / 2 - view.ty) / view.scale;
  view = { scale: s, tx: r.width / 2 - cx * s, ty: r.height / 2 - cy * s };
  schedule();
}

function currentImage() {
  return study ? study.images[current] : null;
}

function draw() {
  const dpr = window.devicePixelRatio || 1;
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.fillStyle = '#000';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  if (!img) return;
  ctx.setTransform(dpr * view.scale, 0, 0, dpr * view.scale, dpr * view.tx, dpr * view.ty);
  ctx.imageSmoothingEnabled = view.scale < 2;
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(off, 0, 0);
  if (heat.on && heat.canvas) {
    ctx.globalAlpha = heat.opacity;
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(heat.canvas, 0, 0, img.width, img.height);
    ctx.globalAlpha = 1;
  }
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  const image = currentImage();
  if (showBoxes && image) {
    for (const f of image.findings) {
      if (hiddenFindings.has(f.id) || (f.call !== 'positive' && f.call !== 'doubtful')) continue;
      // a detector's box carries its own call: solid when positive, dashed when doubtful
      for (const g of f.regions) box(g, (g.call || f.call) === 'positive' ? '#ff453a' : '#ffd60a', (g.call || f.call) === 'doubtful',
        findingName(f.id) + ' ' + score(g.score));
    }
  }
  if (image) {
    for (const m of image.feedback.filter(x => x.kind === 'added' && x.box)) {
      box(m.box, '#32d2f5', false, findingName(m.finding) + ' · ' + m.displayName, 2.5);
    }
  }
  if (draft) box(normalise(draft), '#32d2f5', true, findingName(drawFinding), 2);
  corners();
}

function box(g, color, dashed, label, width = 2) {
  const x = g.x * view.scale + view.tx, y = g.y * view.scale + view.ty;
  const w = g.w * view.scale, h = g.h * view.scale;
  ctx.save();
  ctx.lineWidth = width;
  ctx.strokeStyle = 'rgba(0,0,0,.7)';
  ctx.setLineDash(dashed ? [9, 6] : []);
  ctx.strokeRect(x + 1, y + 1, w, h);
  ctx.strokeStyle = color;
  ctx.strokeRect(x, y, w, h);
  ctx.setLineDash([]);
  if (label) {
    ctx.font = '600 12.5px system-ui, sans-serif';
    const tw = ctx.measureText(label).width + 10;
    const ly = y - 20 < 2 ? y + 2 : y - 20;
    ctx.fillStyle = 'rgba(8, 10, 14, .82)';
    ctx.fillRect(x, ly, tw, 18);
    ctx.fillStyle = color;
    ctx.fillText(label, x + 5, ly + 13);
  }
  ctx.restore();
}

function corners() {
  const s = study.study;
  document.getElementById('corner-tl').replaceChildren(
    el('div', {}, personName(s.patientName)),
    el('div', {}, [s.patientId && t('patient.id', { id: s.patientId }), s.patientSex, age(s.patientBirthDate)].filter(Boolean).join(' · ')));
  document.getElementById('corner-tr').replaceChildren(
    el('div', {}, dicomDate(s.studyDate)), el('div', {}, s.accessionNumber ? t('study.accession', { n: s.accessionNumber }) : ''),
    el('div', {}, s.studyDescription || ''));
  document.getElementById('corner-bl').replaceChildren(
    el('div', {}, 'W ' + Math.round(wl.w) + '  C ' + Math.round(wl.c)),
    el('div', {}, t('viewer.zoom', { n: Math.round(view.scale * (window.devicePixelRatio || 1) * 100) })));
  const image = currentImage();
  document.getElementById('corner-br').replaceChildren(
    el('div', {}, img ? img.width + ' × ' + img.height : ''),
    el('div', {}, image && image.model ? image.model.id + ' ' + image.model.version : ''),
    el('div', {}, study.images.length > 1 ? t('viewer.imageOf', { i: current + 1, n: study.images.length }) : ''));
  document.getElementById('readout').textContent = 'W ' + Math.round(wl.w) + ' / C ' + Math.round(wl.c) + ' · '
    + Math.round(view.scale * (window.devicePixelRatio || 1) * 100) + '%';
}

function normalise(r) {
  return { x: Math.min(r.x0, r.x1), y: Math.min(r.y0, r.y1), w: Math.abs(r.x1 - r.x0), h: Math.abs(r.y1 - r.y0) };
}

// ------------------------------------------------------------------ heat maps

const STOPS = [[0, 0, 0, 0, 0], [0.2, 30, 60, 255, 0.25], [0.45, 0, 220, 200, 0.55], [0.7, 255, 220, 0, 0.8], [1, 255, 40, 20, 0.95]];
function colour(v) {
  for (let i = 1; i < STOPS.length; i++) {
    if (v <= STOPS[i][0]) {
      const a = STOPS[i - 1], b = STOPS[i], f = (v - a[0]) / (b[0] - a[0]);
      return [0, 1, 2, 3].map(k => a[k + 1] + f * (b[k + 1] - a[k + 1]));
    }
  }
  return STOPS[STOPS.length - 1].slice(1);
}

function heatCanvas(grid) {
  const c = document.createElement('canvas');
  c.width = grid.width;
  c.height = grid.height;
  const g = c.getContext('2d');
  const d = g.createImageData(grid.width, grid.height);
  for (let i = 0; i < grid.values.length; i++) {
    const [r, gg, b, a] = colour(Math.max(0, Math.min(1, grid.values[i])));
    d.data[i * 4] = r; d.data[i * 4 + 1] = gg; d.data[i * 4 + 2] = b; d.data[i * 4 + 3] = Math.round(a * 255);
  }
  g.putImageData(d, 0, 0);
  return c;
}

async function loadHeatMaps(image) {
  heat.grids = null;
  heat.canvas = null;
  const button = document.getElementById('toggle-heat');
  const slider = document.getElementById('heat-opacity');
  button.disabled = !image.heatMaps;
  slider.disabled = !image.heatMaps;
  if (!image.heatMaps) { heat.on = false; button.setAttribute('aria-pressed', 'false'); return; }
  try {
    heat.grids = (await api('/api/reading/instances/' + encodeURIComponent(image.sopInstanceUid) + '/heatmaps')).findings;
  } catch (e) { heat.grids = null; return; }
  const candidates = image.findings.filter(f => heat.grids[f.id]).sort((a, b) => b.score - a.score);
  if (!heat.finding || !heat.grids[heat.finding]) heat.finding = candidates.length ? candidates[0].id : null;
  selectHeat(heat.finding);
}

function selectHeat(id) {
  heat.finding = id;
  heat.canvas = id && heat.grids && heat.grids[id] ? heatCanvas(heat.grids[id]) : null;
  document.querySelectorAll('input[name=heat-finding]').forEach(r => { r.checked = r.value === id; });
  schedule();
}

function toggleHeat(on = !heat.on) {
  if (document.getElementById('toggle-heat').disabled) return;
  heat.on = on;
  document.getElementById('toggle-heat').setAttribute('aria-pressed', String(on));
  schedule();
}

// ------------------------------------------------------------------ side panel

function myVerdict(image, id) {
  const v = image.feedback.find(f => f.mine && f.finding === id && (f.kind === 'agree' || f.kind === 'disagree'));
  return v ? v.kind : null;
}

function opsText(f) {
  const c = finding(f.id);
  if (c && c.notValidated) return t('ops.notValidated', { reason: c.notValidated });
  if (!c || !c.operatingPoints) return '';
  const p = c.operatingPoints.positive, d = c.operatingPoints.doubtful;
  const part = (name, o) => t(name, { th: score(o.threshold) }) + (o.sensitivity != null && o.specificity != null
    ? ' ' + t('ops.sesp', { se: Math.round(o.sensitivity * 100), sp: Math.round(o.specificity * 100) }) : '');
  return part('ops.positive', p) + ' · ' + part('ops.doubtful', d);
}

function findingCard(image, f) {
  const c = finding(f.id);
  const may = state.session.may.feedback;
  const mine = myVerdict(image, f.id);
  const bar = el('div', { class: 'scorebar', title: score(f.score) }, el('div', { class: 'fill' }));
  bar.firstChild.style.width = Math.round(f.score * 100) + '%';
  if (c && c.operatingPoints) {
    for (const [k, cls] of [['doubtful', 'dbt'], ['positive', 'pos']]) {
      const tick = el('div', { class: 'tick ' + cls, title: t('ops.' + k, { th: score(c.operatingPoints[k].threshold) }) });
      tick.style.left = (c.operatingPoints[k].threshold * 100) + '%';
      bar.append(tick);
    }
  }
  const others = image.feedback.filter(x => !x.mine && x.finding === f.id && x.kind !== 'added');
  const hasBoxes = f.regions.length > 0;
  const card = el('div', { class: 'finding ' + f.call, dataset: { finding: f.id } },
    el('div', { class: 'row1' },
      hasBoxes ? el('input', { type: 'checkbox', class: 'box-toggle', checked: !hiddenFindings.has(f.id),
        title: t('viewer.showBox'), 'aria-label': t('viewer.showBox') + ' ' + findingName(f.id),
        onchange: ev => { if (ev.target.checked) hiddenFindings.delete(f.id); else hiddenFindings.add(f.id); schedule(); } })
        : el('span', { class: 'box-toggle-placeholder', 'aria-hidden': 'true' }),
      el('span', { class: 'name' }, findingName(f.id)),
      el('span', { class: 'mono' }, score(f.score)),
      el('span', { class: 'call-badge ' + f.call }, t('call.' + f.call))),
    bar,
    el('div', { class: 'ops' }, (c ? t('urgency.' + c.urgency) + ' · ' : '') + opsText(f)),
    el('div', { class: 'row3' },
      may ? el('button', { type: 'button', class: 'btn small verdict-btn agree', 'aria-pressed': String(mine === 'agree'),
        dataset: { verdict: 'agree' }, onclick: () => verdict(image, f.id, mine === 'agree' ? 'none' : 'agree') }, '✓ ' + t('feedback.agree')) : null,
      may ? el('button', { type: 'button', class: 'btn small verdict-btn disagree', 'aria-pressed': String(mine === 'disagree'),
        dataset: { verdict: 'disagree' }, onclick: () => verdict(image, f.id, mine === 'disagree' ? 'none' : 'disagree') }, '✗ ' + t('feedback.disagree')) : null,
      others.length ? el('span', { class: 'others' }, others.map(o => t('feedback.other', { name: o.displayName, verdict: t('feedback.' + o.kind) })).join(' · ')) : null,
      heat.grids && heat.grids[f.id] ? el('label', { class: 'toggle heat-choice', title: t('viewer.heat') }, el('input', { type: 'radio', name: 'heat-finding',
        value: f.id, checked: heat.finding === f.id, onchange: () => { selectHeat(f.id); toggleHeat(true); } }), t('viewer.heatOf')) : null));
  return card;
}

function renderSide() {
  const s = study.study;
  const image = currentImage();
  const side = document.getElementById('side-scroll');
  const parts = [];
  parts.push(el('div', { class: 'notice-box', role: 'note' }, el('b', {}, t('notice.short')), t('notice.long')));
  parts.push(el('section', { class: 'patient-card' },
    el('b', { id: 'patient-name' }, personName(s.patientName)),
    el('dl', { class: 'facts' },
      el('dt', {}, t('patient.idLabel')), el('dd', {}, s.patientId || '—'),
      el('dt', {}, t('patient.birth')), el('dd', {}, [dicomDate(s.patientBirthDate), age(s.patientBirthDate), s.patientSex].filter(Boolean).join(' · ') || '—'),
      el('dt', {}, t('study.accessionLabel')), el('dd', { class: 'mono' }, s.accessionNumber || '—'),
      el('dt', {}, t('study.date')), el('dd', {}, dicomDate(s.studyDate) || '—'),
      el('dt', {}, t('study.description')), el('dd', {}, s.studyDescription || '—'),
      el('dt', {}, t('study.level')), el('dd', {}, el('span', { class: 'level-badge level-' + s.level }, t('level.' + s.level))))));
  if (study.images.length > 1) {
    parts.push(el('section', {}, el('h2', {}, t('viewer.images')), el('div', { class: 'thumbs' },
      study.images.map((im, i) => el('button', { type: 'button', class: 'btn small', 'aria-pressed': String(i === current),
        onclick: () => showImage(i) }, t('viewer.imageN', { n: i + 1 }))))));
  }
  if (!image) {
    parts.push(el('div', { class: 'warning' }, t('viewer.noImage')));
    side.replaceChildren(...parts);
    return;
  }
  const model = image.model ? el('div', { class: 'model-line', id: 'model-line' },
    t('viewer.model', { id: image.model.id, version: image.model.version }) + (image.analysedAt ? ' · ' + dateTime(image.analysedAt) : '')) : null;
  const findings = [];
  if (image.status === 'analysed') {
    if (image.abnormal) {
      findings.push(el('div', { class: 'model-line study-level' }, t('viewer.studyLevel', { name: studyLevelName(image.model ? image.model.id : '') }),
        ' ', el('span', { class: 'mono' }, score(image.abnormal.score)), ' ', el('span', { class: 'call-badge ' + image.abnormal.call }, t('call.' + image.abnormal.call))));
    }
    const order = state.catalogue.findings.map(f => f.id);
    const sorted = [...image.findings].sort((a, b) => rank(a) - rank(b) || order.indexOf(a.id) - order.indexOf(b.id));
    for (const f of sorted) findings.push(findingCard(image, f));
  } else if (image.status === 'refused') {
    findings.push(el('div', { class: 'warning' }, t('viewer.refused', { reason: image.reason || '' })));
  } else if (image.status === 'queued' || image.status === 'running') {
    findings.push(el('div', { class: 'warning' }, t('viewer.pending')));
  } else {
    findings.push(el('div', { class: 'warning' }, t('viewer.failed', { reason: image.reason || '' })));
  }
  for (const w of image.warnings || []) findings.push(el('div', { class: 'warning' }, w));
  parts.push(el('section', { id: 'findings' }, el('h2', {}, t('viewer.findings')), model, ...findings));
  parts.push(marksSection(image));
  side.replaceChildren(...parts);
}

function rank(f) {
  return { positive: 0, doubtful: 1, negative: 2, not_validated: 3 }[f.call] ?? 4;
}

function marksSection(image) {
  const marks = image.feedback.filter(f => f.kind === 'added');
  const list = el('ul', { class: 'marks', id: 'marks' }, marks.map(m => el('li', {},
    el('span', { class: 'swatch' }), el('span', { class: 'name' }, findingName(m.finding)),
    el('span', { class: 'muted' }, m.displayName),
    m.mine ? el('button', { type: 'button', class: 'btn small danger', onclick: () => withdraw(m) }, t('feedback.remove')) : null)));
  const section = el('section', { id: 'missed' }, el('h2', {}, t('feedback.missed')),
    marks.length ? list : el('div', { class: 'faint' }, t('feedback.noMissed')));
  if (state.session.may.feedback && image.status === 'analysed') {
    const sel = el('select', { id: 'mark-finding', 'aria-label': t('feedback.chooseFinding') },
      el('option', { value: '' }, t('feedback.chooseFinding')),
      state.catalogue.findings.map(f => el('option', { value: f.id, selected: f.id === drawFinding }, findingName(f.id))));
    sel.addEventListener('change', () => { drawFinding = sel.value; });
    section.append(el('div', { class: 'row3' }, sel,
      el('button', { type: 'button', class: 'btn small', id: 'draw-mark', 'aria-pressed': String(tool === 'draw'),
        onclick: () => startDraw() }, t('feedback.draw'), ' ', el('kbd', {}, 'D'))),
      el('div', { class: 'faint' }, t('feedback.drawHint')));
  }
  return section;
}

async function verdict(image, id, v) {
  try {
    const r = await api('/api/reading/instances/' + encodeURIComponent(image.sopInstanceUid) + '/verdicts',
      { method: 'POST', body: { finding: id, verdict: v } });
    image.feedback = r.feedback;
    renderSide();
    schedule();
  } catch (e) { toast(e.message); }
}

async function withdraw(m) {
  const image = currentImage();
  try {
    const r = await api('/api/reading/marks/' + m.id + '/withdraw', { method: 'POST', body: {} });
    image.feedback = r.feedback;
    renderSide();
    schedule();
  } catch (e) { toast(e.message); }
}

function startDraw() {
  const sel = document.getElementById('mark-finding');
  if (sel && !sel.value) { toast(t('feedback.chooseFirst')); sel.focus(); return; }
  if (sel) drawFinding = sel.value;
  setTool(tool === 'draw' ? 'wl' : 'draw');
}

async function saveMark(r) {
  const image = currentImage();
  const b = normalise(r);
  if (b.w < 4 || b.h < 4) return;
  try {
    const res = await api('/api/reading/instances/' + encodeURIComponent(image.sopInstanceUid) + '/marks',
      { method: 'POST', body: { finding: drawFinding, x: b.x, y: b.y, w: b.w, h: b.h } });
    image.feedback = res.feedback;
    setTool('wl');
    renderSide();
    schedule();
    toast(t('feedback.markSaved', { name: findingName(drawFinding) }), true);
  } catch (e) { toast(e.message); }
}

// ------------------------------------------------------------------ interaction

function setTool(x) {
  tool = x;
  stage.classList.toggle('tool-pan', x === 'pan');
  stage.classList.toggle('tool-draw', x === 'draw');
  document.getElementById('tool-wl').setAttribute('aria-pressed', String(x === 'wl'));
  document.getElementById('tool-pan').setAttribute('aria-pressed', String(x === 'pan'));
  const d = document.getElementById('draw-mark');
  if (d) d.setAttribute('aria-pressed', String(x === 'draw'));
}

function toImage(ev) {
  const r = stage.getBoundingClientRect();
  return { x: (ev.clientX - r.left - view.tx) / view.scale, y: (ev.clientY - r.top - view.ty) / view.scale };
}

function setWindow(c, w) {
  wl = { c, w: Math.max(1, w) };
  schedule(true);
}

function applyPreset(i) {
  const p = presets[i];
  if (!p) return;
  document.getElementById('preset').value = String(i);
  setWindow(p.c, p.w);
}

function interaction() {
  let drag = null;
  stage.addEventListener('contextmenu', ev => ev.preventDefault());
  stage.addEventListener('pointerdown', ev => {
    if (!img) return;
    stage.setPointerCapture(ev.pointerId);
    const mode = ev.button === 1 || ev.button === 2 || ev.shiftKey ? 'pan' : tool;
    drag = { mode, x: ev.clientX, y: ev.clientY, view: { ...view }, wl: { ...wl } };
    if (mode === 'draw') { const p = toImage(ev); draft = { x0: p.x, y0: p.y, x1: p.x, y1: p.y }; }
  });
  stage.addEventListener('pointermove', ev => {
    if (!drag) return;
    const dx = ev.clientX - drag.x, dy = ev.clientY - drag.y;
    if (drag.mode === 'pan') {
      view = { ...view, tx: drag.view.tx + dx, ty: drag.view.ty + dy };
      schedule();
    } else if (drag.mode === 'wl') {
      const k = Math.max(1, img.max - img.min) / 600;
      setWindow(drag.wl.c + dy * k, drag.wl.w + dx * k);
      document.getElementById('preset').value = '';
    } else if (drag.mode === 'draw') {
      const p = toImage(ev);
      draft.x1 = Math.max(0, Math.min(img.width, p.x));
      draft.y1 = Math.max(0, Math.min(img.height, p.y));
      schedule();
    }
  });
  const end = ev => {
    if (!drag) return;
    if (drag.mode === 'draw' && draft) { const r = draft; draft = null; saveMark(r); schedule(); }
    drag = null;
    try { stage.releasePointerCapture(ev.pointerId); } catch (e) { /* released */ }
  };
  stage.addEventListener('pointerup', end);
  stage.addEventListener('pointercancel', end);
  stage.addEventListener('wheel', ev => {
    if (!img) return;
    ev.preventDefault();
    const r = stage.getBoundingClientRect();
    const mx = ev.clientX - r.left, my = ev.clientY - r.top;
    const f = Math.exp(-ev.deltaY * 0.0015);
    const s = Math.max(0.02, Math.min(40, view.scale * f));
    view = { scale: s, tx: mx - (mx - view.tx) * s / view.scale, ty: my - (my - view.ty) * s / view.scale };
    schedule();
  }, { passive: false });
  stage.addEventListener('dblclick', fit);
  new ResizeObserver(() => { resizeCanvas(); fit(); }).observe(stage);

  document.getElementById('tool-wl').onclick = () => setTool('wl');
  document.getElementById('tool-pan').onclick = () => setTool('pan');
  document.getElementById('fit').onclick = fit;
  document.getElementById('actual').onclick = actualSize;
  document.getElementById('reset').onclick = reset;
  document.getElementById('invert').onclick = toggleInvert;
  document.getElementById('toggle-boxes').onclick = () => toggleBoxes();
  document.getElementById('toggle-heat').onclick = () => toggleHeat();
  document.getElementById('heat-opacity').oninput = ev => { heat.opacity = ev.target.value / 100; schedule(); };
  document.getElementById('preset').onchange = ev => { if (ev.target.value !== '') applyPreset(Number(ev.target.value)); };
  document.getElementById('prev-study').onclick = () => neighbour(-1);
  document.getElementById('next-study').onclick = () => neighbour(1);
  document.getElementById('help-button').onclick = toggleHelp;
  document.addEventListener('keydown', ev => {
    if (ev.target.closest && ev.target.closest('input[type=text], input[type=password], select, dialog, textarea')) return;
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    const k = ev.key;
    if (k === 'j' || k === 'J' || k === 'ArrowRight' || k === 'PageDown') neighbour(1);
    else if (k === 'k' || k === 'K' || k === 'ArrowLeft' || k === 'PageUp') neighbour(-1);
    else if (k === 'b' || k === 'B') toggleBoxes();
    else if (k === 'h' || k === 'H') toggleHeat();
    else if (k === 'r' || k === 'R') reset();
    else if (k === 'f' || k === 'F') fit();
    else if (k === 'i' || k === 'I') toggleInvert();
    else if (k === 'w' || k === 'W') setTool('wl');
    else if (k === 'p' || k === 'P') setTool('pan');
    else if ((k === 'd' || k === 'D') && state.session.may.feedback) startDraw();
    else if (k === 'Escape') { draft = null; setTool('wl'); schedule(); }
    else if (k === '?') toggleHelp();
    else if (k >= '1' && k <= '9') applyPreset(Number(k) - 1);
    else return;
    ev.preventDefault();
  });
}

function toggleBoxes(on = !showBoxes) {
  showBoxes = on;
  document.getElementById('toggle-boxes').setAttribute('aria-pressed', String(on));
  schedule();
}

function toggleInvert() {
  invert = !invert;
  document.getElementById('invert').setAttribute('aria-pressed', String(invert));
  schedule(true);
}

function reset() {
  invert = false;
  document.getElementById('invert').setAttribute('aria-pressed', 'false');
  applyPreset(0);
  fit();
}

function toggleHelp() {
  const h = document.getElementById('help');
  const open = h.classList.toggle('hidden') === false;
  document.getElementById('help-button').setAttribute('aria-expanded', String(open));
  if (open) {
    const rows = [['J / →', 'help.next'], ['K / ←', 'help.prev'], ['W', 'help.wl'], ['P', 'help.pan'], [t('help.wheel'), 'help.zoom'],
      ['1 … 9', 'help.presets'], ['B', 'help.boxes'], ['H', 'help.heat'], ['I', 'help.invert'], ['F', 'help.fit'],
      ['R', 'help.reset'], ['D', 'help.draw'], ['Esc', 'help.cancel']];
    h.replaceChildren(el('b', {}, t('help.title')), el('table', {}, rows.map(([key, m]) =>
      el('tr', {}, el('td', {}, el('kbd', {}, key)), el('td', {}, t(m))))));
  }
}

function neighbour(step) {
  let list = [];
  try { list = JSON.parse(sessionStorage.getItem('pleura.worklist') || '[]'); } catch (e) { list = []; }
  const i = list.indexOf(studyUid);
  const j = i + step;
  if (i < 0 || j < 0 || j >= list.length) { toast(t(step > 0 ? 'viewer.lastStudy' : 'viewer.firstStudy'), true); return; }
  location.href = '/viewer?study=' + encodeURIComponent(list[j]);
}

// ------------------------------------------------------------------ loading

async function showImage(i) {
  current = i;
  const image = currentImage();
  document.getElementById('loading').classList.remove('hidden');
  renderSide();
  try {
    img = await loadPixels(image.sopInstanceUid);
  } catch (e) {
    img = null;
    document.getElementById('loading').textContent = e.message;
    return;
  }
  document.getElementById('loading').classList.add('hidden');
  presets = buildPresets(img);
  const sel = document.getElementById('preset');
  sel.replaceChildren(el('option', { value: '' }, t('viewer.preset')), ...presets.map((p, k) =>
    el('option', { value: String(k) }, (k < 9 ? (k + 1) + ' · ' : '') + p.label)));
  sel.value = '0';
  wl = { c: presets[0].c, w: presets[0].w };
  stage.dataset.window = '';
  await loadHeatMaps(image);
  renderSide();
  resizeCanvas();
  fit();
  schedule(true);
  stage.dataset.ready = 'true';
}

async function refreshWhilePending() {
  const pending = study.images.some(im => im.status === 'queued' || im.status === 'running');
  if (!pending) return;
  setTimeout(async () => {
    const fresh = await api('/api/reading/studies/' + encodeURIComponent(studyUid));
    const before = currentImage() && currentImage().status;
    study = fresh;
    if (currentImage() && currentImage().status !== before) await loadHeatMaps(currentImage());
    renderSide();
    schedule();
    refreshWhilePending();
  }, 3000);
}

async function main() {
  await start();
  mountChrome('viewer');
  translate();
  document.title = 'Pleura — ' + t('viewer.title');
  if (!studyUid) { location.href = '/worklist'; return; }
  try {
    study = await api('/api/reading/studies/' + encodeURIComponent(studyUid));
  } catch (e) {
    if (e.status !== 401) { document.getElementById('page').classList.remove('hidden'); toast(e.message); }
    return;
  }
  document.getElementById('page').classList.remove('hidden');
  interaction();
  if (study.images.length === 0) { renderSide(); return; }
  await showImage(0);
  refreshWhilePending();
}

main();
