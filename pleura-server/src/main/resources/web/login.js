import { state, loadMessages, translate, t } from '/ui/app.js';

const stored = localStorage.getItem('pleura.lang');
let lang = stored || ((navigator.language || 'fr').toLowerCase().startsWith('en') ? 'en' : 'fr');

async function setLang(l) {
  lang = l;
  localStorage.setItem('pleura.lang', l);
  await loadMessages(l);
  document.documentElement.lang = l;
  translate();
  document.querySelectorAll('.lang-switch button').forEach(b => b.setAttribute('aria-pressed', String(b.dataset.lang === l)));
  document.title = 'Pleura — ' + t('login.title');
}

document.querySelectorAll('.lang-switch button').forEach(b => b.addEventListener('click', () => setLang(b.dataset.lang)));

function next() {
  const n = new URLSearchParams(location.search).get('next') || '/worklist';
  return n.startsWith('/') && !n.startsWith('//') ? n : '/worklist';
}

document.getElementById('login-form').addEventListener('submit', async ev => {
  ev.preventDefault();
  const err = document.getElementById('login-error');
  const button = document.getElementById('login-submit');
  err.textContent = '';
  button.disabled = true;
  try {
    const r = await fetch('/api/session', {
      method: 'POST', credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ username: document.getElementById('username').value,
        password: document.getElementById('password').value })
    });
    if (r.ok) {
      location.href = next();
      return;
    }
    let p = {};
    try { p = await r.json(); } catch (e) { p = {}; }
    err.textContent = p.code === 'locked' ? t('login.locked') : p.code === 'busy' ? t('login.busy') : t('login.bad');
    document.getElementById('password').value = '';
    document.getElementById('password').focus();
  } catch (e) {
    err.textContent = t('error.network');
  } finally {
    button.disabled = false;
  }
});

setLang(lang);
void state;
