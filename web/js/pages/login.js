import { h, mount } from '../dom.js';
import { post } from '../api.js';
import { refreshSession, errorBox } from '../ui.js';

export async function loginPage(main, _p, query) {
  document.title = 'sitrep · log in';
  const user = h('input', { name: 'username', autocomplete: 'username', required: true });
  const pass = h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const status = h('div', { role: 'status' });
  mount(main, h('h1', null, 'Log in'),
    h('form', { class: 'login', on: { submit: async (e) => {
      e.preventDefault();
      mount(status, 'Checking…');
      try {
        await post('/login', { username: user.value, password: pass.value });
        await refreshSession();
        const next = query.get('next');
        location.hash = next && next.startsWith('#/') && !next.startsWith('#/login') ? next : '#/';
      } catch (err) {
        mount(status, errorBox(err));
      }
    } } },
      h('label', null, 'User name ', user), h('label', null, 'Password ', pass), h('button', { type: 'submit' }, 'Log in')),
    status,
    h('p', { class: 'muted' }, 'Accounts are created on the server: ', h('code', null, 'sitrep serve --add-user NAME'), '.'));
  user.focus();
}

export async function logout(main) {
  try {
    await post('/logout', {});
  } catch (e) {
    mount(main, errorBox(e));
    return;
  }
  await refreshSession();
  location.hash = '#/';
}
