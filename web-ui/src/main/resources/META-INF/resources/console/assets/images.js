// Server-drawn images (report and engine charts) fetched with the console's auth, shown from object URLs.
// local mode: the browser's cached Basic credentials go with a same-origin fetch; oidc mode: the session's token.
const mode = document.querySelector('meta[name="hotfire-auth-mode"]')?.content || 'local';

async function headers() {
  if (mode !== 'oidc') return {};
  const r = await fetch('/console/token', { credentials: 'same-origin', headers: { 'X-Requested-With': 'JavaScript' } });
  return r.ok ? { Authorization: 'Bearer ' + (await r.json()).accessToken } : {};
}

/** Loads a PNG into img (alt text set by the caller); marks img.dataset.loaded when drawn. */
export async function loadImage(img, path) {
  const r = await fetch(path, { credentials: 'same-origin', headers: await headers() });
  if (!r.ok) {
    img.alt = img.alt + ' (could not be drawn: HTTP ' + r.status + ')';
    return;
  }
  img.src = URL.createObjectURL(await r.blob());
  await img.decode().catch(() => {});
  img.dataset.loaded = 'true';
}

/** Downloads a file (the PDF) with the console's auth. */
export async function download(path, name) {
  const r = await fetch(path, { credentials: 'same-origin', headers: await headers() });
  if (!r.ok) throw new Error('HTTP ' + r.status);
  const a = document.createElement('a');
  a.href = URL.createObjectURL(await r.blob());
  a.download = name;
  a.click();
}
