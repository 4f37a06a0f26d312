import { announce, signIn } from './api.js';

const form = document.getElementById('sign-in-form');

/** Returns the page to open after sign-in: `next` when it is a console page, else the queues. */
function nextPage() {
    const next = new URLSearchParams(location.search).get('next');
    return next && next.startsWith('/console/') && !next.startsWith('//') ? next : '/console/queues.html';
}

form.addEventListener('submit', async event => {
    event.preventDefault();
    const button = document.getElementById('sign-in');
    button.disabled = true;
    announce('Signing in…');
    try {
        await signIn(form.elements.user.value.trim(), form.elements.password.value);
        location.assign(nextPage());
    } catch (failure) {
        announce(failure.message, 'error');
        form.elements.password.select();
        form.elements.password.focus();
    } finally {
        button.disabled = false;
    }
});
