// The sign-out control of the console header (local mode only: oidc mode keeps its identity provider's session).
import { authMode, signOut } from './api.js';

const button = document.getElementById('sign-out');
if (button && authMode === 'local') {
  button.hidden = false;
  button.addEventListener('click', () => signOut());
}
