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

// Only a path on this site: one leading '/', then no '/' or backslash (browsers read '/\host' as '//host'),
// no control characters (browsers drop tabs and newlines). The server answers the same check in "next".
function next(answer) {
  const n = (answer && answer.next) || new URLSearchParams(location.search).get('next') || '/worklist';
  return /^\/(?![\/\\])[^\\\u0000-\u001f\u007f]*$/.test(n) ? n : '/worklist';
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
        password: document.getElementById('password').value,
        next: new URLSearchParams(location.search).get('next') || '' })
    });
    if (r.ok) {
      let answer = {};
      try { answer = await r.json(); } catch (e) { answer = {}; }
      location.href = next(answer);
      return;
    }
    let p = {};
    try { p = await r.json(); } catch (e) { p = {}; }
    err.textContent = p.code === 'slow-down' ? t('login.locked') : p.code === 'busy' ? t('login.busy') : t('login.bad');
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
