// The dashboard in real headless Chromium against the real stack: redis-server, the AMI
// simulator over TCP, the NestJS server serving the built dashboard. Reads numbers off the
// page as a supervisor would; axe-core at WCAG 2.1 AA on every screen; screenshots saved
// to artifacts/screenshots.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { axeViolations, describeViolations, launchBrowser, screenshot } from './support/browser.mjs';
import { startStack } from './support/stack.mjs';
import { frenchRate, readInteger, signIn, stableValue, watchUntil } from './support/pages.mjs';

/** The Paris half hour we are in, as a plan slot ("HH:MM" bounds); the last one of the day stays inside it. */
function currentHalfHour(now = Date.now()) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Paris',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(now)
      .map((p) => [p.type, p.value]),
  );
  const minutes = Math.min(Number(parts.hour) * 60 + (Number(parts.minute) >= 30 ? 30 : 0), 23 * 60);
  const hhmm = (m) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  return { date: `${parts.year}-${parts.month}-${parts.day}`, start: hhmm(minutes), end: hhmm(minutes + 30) };
}

const CALLS = Number(process.env.IRIS_E2E_CALLS ?? 40);
const STEP_TIMEOUT = 180_000;

async function expectAccessible(page, screen) {
  await screenshot(page, screen);
  const violations = await axeViolations(page);
  assert.equal(
    violations.length,
    0,
    `axe found WCAG 2.1 AA violations on ${screen}:\n${describeViolations(violations)}`,
  );
}

describe('IRIS dashboard in Chromium against the real server, Redis and AMI simulator', { concurrency: 1 }, () => {
  let stack;
  let browser;
  let supervisor;
  const pageErrors = [];

  before(async () => {
    stack = await startStack({ simulator: { seed: 6, speed: 30, maxCalls: CALLS, holdUntilFirstClient: true } });
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await stack?.stop();
  });

  async function newPage(viewport = { width: 1366, height: 900 }) {
    const context = await browser.newContext({ viewport, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    return page;
  }

  test(
    'sign-in is French by default, accessible, and refuses a wrong password without losing the name',
    { timeout: STEP_TIMEOUT },
    async () => {
      const page = await newPage();
      await page.goto(`${stack.baseUrl}/supervision`);
      await page.waitForURL((url) => url.pathname === '/connexion');
      assert.equal(await page.getAttribute('html', 'lang'), 'fr');
      assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Connexion');
      await expectAccessible(page, '01-connexion');

      await page.getByLabel('Identifiant').fill('claire.martin');
      await page.getByLabel('Mot de passe').fill('not-the-password');
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await page.getByRole('alert').getByText('Identifiant ou mot de passe incorrect.').waitFor();
      assert.equal(await page.getByLabel('Identifiant').inputValue(), 'claire.martin');
      assert.equal(await page.getByLabel('Mot de passe').inputValue(), '');
      await expectAccessible(page, '02-connexion-erreur');
      await page.context().close();
    },
  );

  test(
    'the supervisor watches the pickup rate and the waiting count change as calls come, ending on the simulator’s truth',
    { timeout: STEP_TIMEOUT },
    async () => {
      supervisor = await newPage();
      await signIn(supervisor, stack.baseUrl, 'claire.martin', '/supervision');
      await supervisor.getByTestId('offered-today').waitFor({ timeout: 30_000 });

      const read = async () => ({
        offered: await readInteger(supervisor, 'offered-today'),
        answered: await readInteger(supervisor, 'answered-today'),
        waiting: await readInteger(supervisor, 'waiting-total'),
        rate: frenchRate(await supervisor.getByTestId('pickup-today').innerText()),
      });
      const first = await read();
      await screenshot(supervisor, '03-supervision-debut');
      let finished = false;
      const done = stack.simulator.whenFinished().then(() => (finished = true));
      // Watch the page while the simulator places its calls, until it shows the simulator's final truth.
      const seen = await watchUntil(
        read,
        (v) => {
          if (!finished) return false;
          const truth = stack.simulator.truth().frontOffice;
          return v.offered === truth.offered && v.answered === truth.answered && v.waiting === 0;
        },
        { what: 'front-office figures equal to the simulator truth', timeoutMs: 150_000 },
      );
      await done;
      const truth = stack.simulator.truth().frontOffice;
      assert.ok(truth.offered > 0, 'the simulator offered calls');
      const last = seen.at(-1);
      // Numbers changed on the page while calls came in (not one final render).
      assert.ok(seen.length >= 2, `the wallboard showed changing figures: ${JSON.stringify(seen)}`);
      assert.ok(
        new Set(seen.map((v) => v.waiting)).size >= 2 || first.waiting > 0,
        `the waiting count changed: ${JSON.stringify(seen)}`,
      );
      assert.ok(first.offered < last.offered, `offered grew from ${first.offered} to ${last.offered}`);
      // The pickup rate shown is the truth's, rounded as displayed.
      assert.equal(last.rate, Math.round(truth.pickupRate * 1000) / 1000);
      const queueRows = await supervisor.locator('tr[data-queue]').count();
      assert.ok(queueRows >= 1, 'the queues table lists the simulator queues');
      await expectAccessible(supervisor, '04-supervision');
    },
  );

  test(
    'an agent switches to desk: pending, then confirmed; the supervisor grid and the simulator follow',
    { timeout: STEP_TIMEOUT },
    async () => {
      // The supervisor plans a mail slot for agent 1001 now; the panel lists it as the current slot.
      const slot = currentHalfHour();
      const cookie = (await supervisor.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
      const planned = await fetch(`${stack.baseUrl}/api/rotation/plans/${slot.date}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', cookie },
        body: JSON.stringify({
          slots: [{ agentId: '1001', date: slot.date, start: slot.start, end: slot.end, mode: 'mail' }],
        }),
      });
      assert.equal(planned.status, 200, await planned.text());

      const agent = await newPage();
      await signIn(agent, stack.baseUrl, 'agent1001', '/agent');
      const plan = agent.getByTestId('my-plan');
      await plan.waitFor({ timeout: 30_000 });
      assert.match(await plan.innerText(), new RegExp(`${slot.start}–${slot.end} : Courrier`));
      await agent.getByTestId('current-mode').waitFor({ timeout: 30_000 });
      await expectAccessible(agent, '05-agent');
      const iface = stack.simulator
        .members()
        .find((m) => m.interface.endsWith('/1001') || m.interface.includes('1001'));
      assert.ok(
        iface,
        `the simulator has member 1001: ${JSON.stringify(stack.simulator.members().map((m) => m.interface))}`,
      );

      const startMode = await agent.getByTestId('current-mode').getAttribute('data-mode');
      if (startMode !== 'phone') {
        await agent.getByRole('button', { name: /Téléphone/ }).click();
        await agent.locator('[data-testid=current-mode][data-mode=phone]').waitFor({ timeout: 30_000 });
      }
      // Record every message the panel shows, however briefly (the pending one may last milliseconds).
      await agent.evaluate(() => {
        const slot = document.querySelector('[data-testid=mode-message]');
        window.irisModeMessages = [];
        new MutationObserver(() => window.irisModeMessages.push(slot.textContent.trim())).observe(slot, {
          childList: true,
          subtree: true,
          characterData: true,
        });
      });
      // Keyboard only: focus the "Accueil" switch and press Enter.
      await agent.getByRole('button', { name: /Accueil/ }).focus();
      await agent.keyboard.press('Enter');
      await agent.locator('[data-testid=current-mode][data-mode=desk]').waitFor({ timeout: 30_000 });
      await agent.getByTestId('mode-message').getByText('Vous êtes en Accueil.').waitFor({ timeout: 30_000 });
      const messages = await agent.evaluate(() => window.irisModeMessages);
      assert.ok(
        messages.some((m) => m.includes('Passage en Accueil en attente de confirmation du standard')),
        `the switch showed as pending before Asterisk confirmed: ${JSON.stringify(messages)}`,
      );
      await screenshot(agent, '06-agent-accueil');

      await supervisor.locator('tr[data-agent="1001"][data-mode="desk"]').waitFor({ timeout: 30_000 });
      const paused = stack.simulator.members().filter((m) => m.interface === iface.interface);
      assert.ok(
        paused.length > 0 && paused.every((m) => m.paused && m.pausedReason === 'iris:desk'),
        `member paused for desk in the simulator: ${JSON.stringify(paused)}`,
      );
      await screenshot(supervisor, '07-supervision-agent-accueil');

      await agent.getByRole('button', { name: /Téléphone/ }).click();
      await agent.locator('[data-testid=current-mode][data-mode=phone]').waitFor({ timeout: 30_000 });
      await supervisor.locator('tr[data-agent="1001"][data-mode="phone"]').waitFor({ timeout: 30_000 });
      assert.ok(
        stack.simulator
          .members()
          .filter((m) => m.interface === iface.interface)
          .every((m) => !m.paused),
        'member unpaused back on the phone',
      );
      await agent.context().close();
    },
  );

  test('the agents grid filters and sorts by keyboard', { timeout: STEP_TIMEOUT }, async () => {
    const rows = supervisor.locator('[data-testid=agents-grid] tbody tr[data-agent]');
    const total = await rows.count();
    assert.ok(total >= 2, 'several agents in the grid');
    const callsHeader = supervisor.getByRole('columnheader', { name: /Appels aujourd'hui/ });
    await callsHeader.getByRole('button').focus();
    await supervisor.keyboard.press('Enter');
    assert.equal(await callsHeader.getAttribute('aria-sort'), 'ascending');
    await supervisor.keyboard.press('Enter');
    assert.equal(await callsHeader.getAttribute('aria-sort'), 'descending');
    const calls = await rows.evaluateAll((trs) => trs.map((tr) => Number(tr.cells[4].textContent.replace(/\D/g, ''))));
    assert.deepEqual(
      calls,
      [...calls].sort((a, b) => b - a),
    );
    await supervisor.getByLabel('Mode', { exact: true }).selectOption('phone');
    const modes = await rows.evaluateAll((trs) => trs.map((tr) => tr.dataset.mode));
    assert.ok(modes.length > 0 && modes.every((m) => m === 'phone'), `only phone agents: ${modes}`);
    await supervisor.getByLabel('Mode', { exact: true }).selectOption('all');
    assert.equal(await rows.count(), total);
  });

  test('a request taken at the desk shows in today’s intake by channel', { timeout: STEP_TIMEOUT }, async () => {
    const cookie = (await supervisor.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    const response = await fetch(`${stack.baseUrl}/api/intake/requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({
        channel: 'desk',
        sourceRef: `e2e-${Date.now()}`,
        text: 'Demande de copie intégrale d’acte de naissance',
        citizen: { fullName: 'Jeanne Essai' },
      }),
    });
    assert.equal(response.status, 201, await response.text());
    const deskRow = supervisor.locator('[data-testid=intake-today] tr[data-channel=desk] td');
    await deskRow.waitFor({ timeout: 45_000 });
    await watchUntil(
      async () => deskRow.innerText(),
      (text) => text.trim() === '1',
      { what: 'one desk request today', timeoutMs: 45_000 },
    );
    await expectAccessible(supervisor, '08-supervision-demandes-du-jour');
  });

  test(
    'cutting the AMI link shows "Flux interrompu depuis", and the banner goes once the link is back',
    { timeout: STEP_TIMEOUT },
    async () => {
      const banner = supervisor.getByTestId('feed-banner');
      assert.equal(await banner.count(), 0, 'no banner while the feed flows');
      const { port } = stack.simulator;
      await stack.simulator.stop();
      await banner.waitFor({ timeout: 60_000 });
      assert.match(await banner.innerText(), /Flux interrompu depuis \d{2}:\d{2}:\d{2}/);
      assert.match(await banner.innerText(), /standard téléphonique/);
      await expectAccessible(supervisor, '09-supervision-flux-interrompu');
      await stack.restartSimulator({ port, maxCalls: 2 });
      await banner.waitFor({ state: 'detached', timeout: 90_000 });
    },
  );

  test(
    'a dropped socket shows the banner, reconnects by itself and takes a fresh snapshot',
    { timeout: STEP_TIMEOUT },
    async () => {
      const banner = supervisor.getByTestId('feed-banner');
      const before = await readInteger(supervisor, 'offered-today');
      await supervisor.context().setOffline(true);
      await banner.waitFor({ timeout: 60_000 });
      assert.match(await banner.innerText(), /Connexion au serveur perdue/);
      await supervisor.context().setOffline(false);
      await banner.waitFor({ state: 'detached', timeout: 60_000 });
      assert.ok((await readInteger(supervisor, 'offered-today')) >= before, 'numbers come back, never lower');
    },
  );

  test(
    'after a server restart the page reconnects by itself and shows the same figures again',
    { timeout: STEP_TIMEOUT },
    async () => {
      const banner = supervisor.getByTestId('feed-banner');
      const read = async () => ({
        offered: await readInteger(supervisor, 'offered-today'),
        answered: await readInteger(supervisor, 'answered-today'),
      });
      // Let the second simulator's calls end, so the figures stand still while we compare.
      await stack.simulator.whenFinished();
      const figuresBefore = await stableValue(read);
      await stack.stopServer();
      await banner.waitFor({ timeout: 60_000 });
      assert.match(await banner.innerText(), /Flux interrompu depuis/);
      await stack.startServer();
      await banner.waitFor({ state: 'detached', timeout: 90_000 });
      await watchUntil(read, (v) => v.offered === figuresBefore.offered && v.answered === figuresBefore.answered, {
        what: `figures back to ${JSON.stringify(figuresBefore)}`,
        timeoutMs: 60_000,
      });
    },
  );

  test('wall mode: large type, no controls, accessible', { timeout: STEP_TIMEOUT }, async () => {
    const wall = await newPage({ width: 1920, height: 1080 });
    await signIn(wall, stack.baseUrl, 'claire.martin', '/supervision');
    await wall.goto(`${stack.baseUrl}/supervision?mode=mur`);
    await wall.getByTestId('pickup-today').waitFor({ timeout: 30_000 });
    assert.equal(await wall.locator('header, select, input, button').count(), 0, 'no controls on the wall screen');
    const size = await wall.getByTestId('pickup-today').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    assert.ok(size >= 64, `large figures on the wall (${size}px)`);
    await expectAccessible(wall, '10-mur');
    await wall.context().close();
  });

  test(
    'an admin creates a user, changes the roles, resets the password and deletes the user',
    { timeout: STEP_TIMEOUT },
    async () => {
      const admin = await newPage();
      await signIn(admin, stack.baseUrl, 'admin', '/supervision');
      await admin.getByRole('link', { name: 'Utilisateurs' }).click();
      await admin.getByTestId('users-table').waitFor();
      await expectAccessible(admin, '11-admin-utilisateurs');

      const form = admin.getByTestId('create-user');
      await form.getByLabel('Identifiant').fill('martine.e2e');
      await form.getByLabel('Nom affiché').fill('Martine Essai');
      await form.getByLabel('Mot de passe initial').fill('un-mot-de-passe-sûr');
      await form.getByLabel('Superviseur').check();
      await form.getByRole('button', { name: 'Créer' }).click();
      await admin.getByText('Utilisateur martine.e2e créé.').waitFor();
      const row = admin.locator('tr[data-username="martine.e2e"]');
      await row.waitFor();
      assert.match(await row.innerText(), /Superviseur/);

      await row.getByRole('button', { name: 'Gérer martine.e2e' }).click();
      const manage = admin.getByTestId('manage-user');
      await manage.getByLabel('Administrateur').check();
      await manage.getByRole('button', { name: 'Enregistrer les rôles' }).click();
      await admin.getByText('Rôles de martine.e2e enregistrés.').waitFor();
      assert.match(await row.innerText(), /Superviseur, Administrateur|Administrateur, Superviseur/);
      await expectAccessible(admin, '12-admin-gerer');

      await manage.getByLabel('Nouveau mot de passe pour martine.e2e').fill('encore-un-autre-mot');
      await manage.getByRole('button', { name: 'Réinitialiser' }).click();
      await admin.getByText('Mot de passe de martine.e2e réinitialisé.').waitFor();
      // The new password works.
      const check = await fetch(`${stack.baseUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'martine.e2e', password: 'encore-un-autre-mot' }),
      });
      assert.equal(check.status, 200);

      await manage.getByRole('button', { name: 'Supprimer martine.e2e' }).click();
      await manage.getByRole('button', { name: 'Confirmer' }).click();
      await admin.getByText('Utilisateur martine.e2e supprimé.').waitFor();
      assert.equal(await row.count(), 0, 'the deleted user left the list');
      await admin.context().close();
    },
  );

  test('English is one click away, and French comes back', { timeout: STEP_TIMEOUT }, async () => {
    await supervisor.getByRole('button', { name: 'Switch to English' }).click();
    assert.equal(await supervisor.getAttribute('html', 'lang'), 'en');
    await supervisor.getByRole('heading', { level: 1, name: 'Front office supervision' }).waitFor();
    await expectAccessible(supervisor, '13-supervision-english');
    await supervisor.getByRole('button', { name: 'Passer en français' }).click();
    assert.equal(await supervisor.getAttribute('html', 'lang'), 'fr');
    assert.deepEqual(pageErrors, [], 'no script error in any page');
  });
});
