// helpers.js — what the spec files share.

// log in through the form and wait until the browser has left /login
async function login(page, user, password) {
  await page.goto('/login');
  await page.fill('#user', user);
  await page.fill('#password', password);
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/login')),
                     page.click('button[type=submit]')]);
}

module.exports = { login };
