// The desk queue and the rotation in real headless Chromium against the real stack (redis-server,
// the AMI simulator over TCP, the built server and dashboard): a visitor takes a ticket at the
// kiosk, an agent calls it to a counter and serves it, the hall display shows the call; a pause
// made directly on the simulator shows in the supervisor's grid and in the rotation's "actual";
// the plan goes in and out as an Excel CSV. axe-core (WCAG 2.1 AA) on the kiosk, the display
// and the rotation screen.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { axeViolations, describeViolations, launchBrowser, screenshot } from './support/browser.mjs';
import { startStack } from './support/stack.mjs';
import { frenchInteger, signIn, watchUntil } from './support/pages.mjs';

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

/** Today in Paris as YYYY-MM-DD and as JJ/MM/AAAA. */
function parisToday() {
  const iso = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Paris',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());
  const [y, m, d] = iso.split('-');
  return { iso, french: `${d}/${m}/${y}` };
}

/** The Monday-to-Sunday dates (YYYY-MM-DD) of the week holding `iso`. */
function weekOf(iso) {
  const [y, m, d] = iso.split('-').map(Number);
  const day = new Date(Date.UTC(y, m - 1, d));
  const monday = d - ((day.getUTCDay() + 6) % 7);
  return Array.from({ length: 7 }, (_, i) => new Date(Date.UTC(y, m - 1, monday + i)).toISOString().slice(0, 10));
}

async function cookieOf(page) {
  return (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
}

describe('desk queue, hall display and rotation in Chromium against the real stack', { concurrency: 1 }, () => {
  let stack;
  let browser;
  const pageErrors = [];

  before(async () => {
    stack = await startStack({ simulator: { seed: 11, speed: 10, maxCalls: 4, holdUntilFirstClient: true } });
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await stack?.stop();
  });

  async function newPage(viewport = { width: 1366, height: 900 }) {
    const context = await browser.newContext({ viewport, locale: 'fr-FR', timezoneId: 'Europe/Paris', hasTouch: true });
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    return page;
  }

  test(
    'kiosk -> call to counter 2 -> served, with the hall display and the desk figures following',
    { timeout: STEP_TIMEOUT },
    async () => {
      const display = await newPage({ width: 1920, height: 1080 });
      await display.goto(`${stack.baseUrl}/affichage`);
      await display.getByRole('heading', { level: 1, name: 'Appels en cours' }).waitFor();
      await display.getByText("Aucun numéro appelé pour l'instant.").waitFor({ timeout: 30_000 });
      await expectAccessible(display, 'desk-01-affichage-vide');

      const kiosk = await newPage({ width: 1280, height: 1024 });
      await kiosk.goto(`${stack.baseUrl}/borne`);
      assert.equal(await kiosk.getAttribute('html', 'lang'), 'fr');
      await kiosk.getByRole('heading', { level: 1, name: 'Bienvenue à la mairie' }).waitFor();
      await kiosk.getByRole('button', { name: /État civil/ }).waitFor({ timeout: 30_000 });
      await expectAccessible(kiosk, 'desk-02-borne');
      await kiosk.getByRole('button', { name: /État civil/ }).tap();
      const number = (await kiosk.getByTestId('kiosk-number').innerText()).trim();
      assert.match(number, /^A-\d{3}$/);
      await kiosk.getByText('Vous êtes le prochain.').waitFor();
      await expectAccessible(kiosk, 'desk-03-borne-ticket');
      await kiosk.getByRole('button', { name: 'Terminé' }).tap();
      await kiosk.getByRole('button', { name: /Carte d'identité/ }).tap();
      const second = (await kiosk.getByTestId('kiosk-number').innerText()).trim();
      assert.match(second, /^B-\d{3}$/);
      await kiosk.getByText('1 personne(s) avant vous.').waitFor();

      const agent = await newPage();
      await signIn(agent, stack.baseUrl, 'agent1001', '/agent');
      await agent.goto(`${stack.baseUrl}/guichet`);
      await agent.getByRole('heading', { level: 1, name: 'Guichet d’accueil' }).waitFor();
      await agent.getByTestId('desk-waiting').waitFor({ timeout: 30_000 });
      await watchUntil(
        async () => frenchInteger(await agent.getByTestId('desk-waiting').innerText()),
        (waiting) => waiting === 2,
        { what: 'two visitors waiting on the desk figures' },
      );
      await agent.getByLabel('Mon guichet').fill('2');
      await agent.getByRole('button', { name: 'Appeler le suivant' }).click();
      await agent.getByTestId('desk-current-number').getByText(number).waitFor({ timeout: 30_000 });

      // The hall display shows the number and the counter, and announces it once.
      await display.getByTestId('display-latest-number').getByText(number).waitFor({ timeout: 30_000 });
      assert.equal((await display.getByTestId('display-latest-counter').innerText()).trim(), '2');
      assert.equal(await display.getByTestId('display-announcement').innerText(), `Ticket ${number}, guichet 2`);
      await display.getByTestId('display-waiting').getByText('1 personne(s) en attente').waitFor({ timeout: 30_000 });
      await expectAccessible(display, 'desk-04-affichage-appel');

      await agent.getByRole('button', { name: 'Servi' }).click();
      await agent.getByText(`Ticket ${number} servi.`).waitFor({ timeout: 30_000 });
      await watchUntil(
        async () => frenchInteger(await agent.getByTestId('desk-served').innerText()),
        (served) => served === 1,
        { what: 'one visitor served' },
      );
      assert.equal(frenchInteger(await agent.getByTestId('desk-waiting').innerText()), 1);

      // Next visitor, redirected to a service.
      await agent.getByRole('button', { name: 'Appeler le suivant' }).click();
      await agent.getByTestId('desk-current-number').getByText(second).waitFor({ timeout: 30_000 });
      await agent.getByLabel('Service destinataire').fill('État civil');
      await agent.getByRole('button', { name: 'Réorienter' }).click();
      await agent.getByText(`Ticket ${second} réorienté vers État civil.`).waitFor({ timeout: 30_000 });
      await display.getByTestId('display-latest-number').getByText(second).waitFor({ timeout: 30_000 });
      await agent.getByRole('button', { name: 'Appeler le suivant' }).click();
      await agent.getByText('Personne en attente.').first().waitFor({ timeout: 30_000 });
      await screenshot(agent, 'desk-05-guichet');
      await Promise.all([agent.context().close(), kiosk.context().close(), display.context().close()]);
    },
  );

  test(
    'a pause made directly on the simulator shows in the supervisor grid and as the actual mode in the rotation',
    { timeout: STEP_TIMEOUT },
    async () => {
      const supervisor = await newPage();
      await signIn(supervisor, stack.baseUrl, 'claire.martin', '/supervision');
      const member = stack.simulator.members().find((m) => /\b1003\b|\/1003/.test(m.interface));
      assert.ok(
        member,
        `the simulator has member 1003: ${JSON.stringify(stack.simulator.members().map((m) => m.interface))}`,
      );
      await supervisor.locator('tr[data-agent="1003"]').waitFor({ timeout: 30_000 });

      assert.equal(stack.simulator.pauseMember(undefined, member.interface, 'déjeuner'), true);
      await supervisor.locator('tr[data-agent="1003"][data-mode="break"]').waitFor({ timeout: 30_000 });
      await screenshot(supervisor, 'desk-06-supervision-pause-exterieure');

      await supervisor.goto(`${stack.baseUrl}/rotation`);
      await supervisor.getByRole('heading', { level: 1, name: 'Rotation accueil / téléphone' }).waitFor();
      const row = supervisor.getByTestId('planned-vs-actual').locator('tr', { hasText: /Thomas Moreau|1003/ });
      await row.getByText('Pause').waitFor({ timeout: 30_000 });

      assert.equal(stack.simulator.unpauseMember(undefined, member.interface), true);
      await watchUntil(
        async () => (await row.innerText()).includes('Téléphone'),
        (seen) => seen,
        { what: 'agent 1003 back on the phone in the rotation', timeoutMs: 30_000 },
      );
      await supervisor.getByTestId('staffing-status').waitFor({ timeout: 30_000 });
      await expectAccessible(supervisor, 'desk-07-rotation');
      await supervisor.context().close();
    },
  );

  test(
    'visitors pile up at an empty desk: the supervisor applies the advice in one click and the simulator pauses the moved agents',
    { timeout: STEP_TIMEOUT },
    async () => {
      // Nine visitors in a few seconds, nobody at the desk: the phones can spare people.
      for (let i = 0; i < 9; i += 1) {
        const response = await fetch(`${stack.baseUrl}/api/desk/tickets`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ reason: 'famille' }),
        });
        assert.equal(response.status, 201);
      }
      const supervisor = await newPage();
      await signIn(supervisor, stack.baseUrl, 'claire.martin', '/supervision');
      await supervisor.goto(`${stack.baseUrl}/rotation`);
      await supervisor.locator('[data-testid=staffing-status][data-status=move]').waitFor({ timeout: 60_000 });
      const advice = await (
        await fetch(`${stack.baseUrl}/api/staffing/advice`, { headers: { cookie: await cookieOf(supervisor) } })
      ).json();
      assert.ok(
        advice.moves.length > 0 && advice.moves.every((m) => m.to === 'desk' && m.from === 'phone'),
        `advice moves phone agents to the desk: ${JSON.stringify(advice)}`,
      );
      assert.match(
        await supervisor.getByTestId('staffing-message').innerText(),
        /nécessaires à l'accueil, 0 présent : envoyer à l'accueil /,
      );

      await supervisor.getByTestId('staffing-apply').click();
      // The page applies the advice it shows (refreshed every 15 s): read who was moved from its answer.
      const done = supervisor.getByText(/^Déplacement effectué : /);
      await done.waitFor({ timeout: 60_000 });
      const moved = [...(await done.innerText()).matchAll(/Agent (\d{4})/g)].map((match) => match[1]);
      assert.ok(moved.length > 0, `someone was moved: ${await done.innerText()}`);
      // Asterisk (the simulator) has every moved agent paused for the desk, and the grid shows them there.
      for (const agentId of moved) {
        const memberships = stack.simulator.members().filter((m) => m.interface.includes(`/${agentId}@`));
        assert.ok(
          memberships.length > 0 && memberships.every((m) => m.paused && m.pausedReason === 'iris:desk'),
          `${agentId} paused for the desk in the simulator: ${JSON.stringify(memberships)}`,
        );
      }
      await supervisor.goto(`${stack.baseUrl}/supervision`);
      for (const agentId of moved)
        await supervisor.locator(`tr[data-agent="${agentId}"][data-mode="desk"]`).waitFor({ timeout: 30_000 });
      await supervisor.context().close();
    },
  );

  test(
    'the supervisor imports the plan as an Excel CSV, sees it, and exports the same file',
    { timeout: STEP_TIMEOUT },
    async () => {
      const supervisor = await newPage();
      await signIn(supervisor, stack.baseUrl, 'claire.martin', '/supervision');
      await supervisor.goto(`${stack.baseUrl}/rotation`);
      const today = parisToday();
      const csv = `\uFEFFAgent;Date;Début;Fin;Mode\r\n1001;${today.french};00:00;12:00;accueil\r\n1001;${today.french};12:00;24:00;téléphone\r\n1002;${today.french};00:00;24:00;téléphone\r\n`;
      await supervisor
        .getByLabel('Importer un fichier CSV')
        .setInputFiles({ name: 'planning.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
      await supervisor.getByText('3 créneau(x) importé(s) pour 1 jour(s).').waitFor({ timeout: 30_000 });
      await watchUntil(
        async () => supervisor.getByLabel('Agent 3', { exact: true }).count(),
        (count) => count === 1,
        { what: 'three slots in the editor' },
      );
      assert.equal(await supervisor.getByLabel('Agent 1', { exact: true }).inputValue(), '1001');

      const cookie = await cookieOf(supervisor);
      const response = await fetch(`${stack.baseUrl}/api/rotation/plans.csv?from=${today.iso}&to=${today.iso}`, {
        headers: { cookie },
      });
      assert.equal(response.status, 200);
      assert.equal(new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer()), csv);

      // The day's plan copied onto the week's other working days, then the whole week exported.
      const week = weekOf(today.iso);
      const others = week.slice(0, 5).filter((day) => day !== today.iso);
      await supervisor.getByRole('button', { name: 'Copier sur les jours ouvrés de la semaine' }).click();
      await supervisor
        .getByText(`Planning copié sur ${others.length} autre(s) jour(s) de la semaine.`)
        .waitFor({ timeout: 30_000 });
      const weekCsv = await (
        await fetch(`${stack.baseUrl}/api/rotation/plans.csv?from=${week[0]}&to=${week[6]}`, { headers: { cookie } })
      ).text();
      const lines = weekCsv.trim().split('\r\n').slice(1);
      assert.equal(lines.length, 3 * (others.length + 1)); // today (imported) and each copy
      for (const day of others) {
        const [y, m, d] = day.split('-');
        assert.ok(lines.includes(`1001;${d}/${m}/${y};00:00;12:00;accueil`), `${day} copied: ${weekCsv}`);
      }
      await supervisor.context().close();

      // The agent sees where the plan expects them today, the current slot marked in words.
      const agent = await newPage();
      await signIn(agent, stack.baseUrl, 'agent1001', '/agent');
      await agent.goto(`${stack.baseUrl}/guichet`);
      const myPlan = agent.getByTestId('my-plan');
      await myPlan.waitFor({ timeout: 30_000 });
      assert.deepEqual(
        (await myPlan.locator('li').allInnerTexts()).map((text) =>
          text
            .replace(/^▶\s*(En ce moment :\s*)?/, '')
            .replace(/\s+/g, ' ')
            .trim(),
        ),
        ['00:00–12:00 : Accueil', '12:00–24:00 : Téléphone'],
      );
      assert.equal(await myPlan.locator('li[aria-current=time]').count(), 1);
      await expectAccessible(agent, 'desk-08-guichet-planning');
      await agent.context().close();
      assert.deepEqual(pageErrors, []);
    },
  );
});
