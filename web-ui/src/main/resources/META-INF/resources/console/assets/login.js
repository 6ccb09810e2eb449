// The local-mode sign-in form. It posts to Quarkus' form authentication (/j_security_check) with
// fetch rather than a plain form submit, so that the request carries X-Requested-By like every other
// state-changing request, and a refusal (wrong password, 429 throttled) is shown on this page.
// On success the server answers with a redirect to the console and sets the HttpOnly session cookie.

const form = document.getElementById('login');
const message = document.getElementById('login-message');
const params = new URLSearchParams(location.search);

if (params.has('failed')) message.textContent = 'Unknown user or wrong password.';
else if (params.has('expired')) message.textContent = 'Your session ended: please sign in again.';
else if (params.has('signed-out')) message.textContent = 'Signed out.';

form.addEventListener('submit', async (ev) => {
  ev.preventDefault();
  message.textContent = 'Signing in…';
  const body = new URLSearchParams(new FormData(form));
  let r;
  try {
    r = await fetch(form.action, {
      method: 'POST', body, credentials: 'same-origin',
      headers: { 'X-Requested-By': 'hotfire-console', Accept: 'text/html,application/json' },
    });
  } catch (e) {
    message.textContent = 'The server cannot be reached: ' + e.message;
    return;
  }
  if (r.status === 429) {
    const p = await r.json().catch(() => null);
    const wait = r.headers.get('Retry-After');
    message.textContent = (p && p.detail) || ('Too many failed sign-ins: try again in ' + wait + ' s.');
    return;
  }
  if (r.ok && r.redirected && !new URL(r.url).pathname.endsWith('/login.html')) {
    location.href = r.url;
    return;
  }
  if (r.ok && r.redirected) {
    message.textContent = 'Unknown user or wrong password.';
    form.j_password.value = '';
    form.j_password.focus();
    return;
  }
  const p = await r.json().catch(() => null);
  message.textContent = (p && p.detail) || ('Sign-in failed (HTTP ' + r.status + ').');
});
