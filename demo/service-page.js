// The agency's service page: picks the language (`?lang=xx`), translates the page's own text,
// then points Statuskit at the demo feed and loads the script-tag bundle. The feed's URL is only
// known at run time (from /demo-config.json), so instead of a static
// `<script src="/statuskit/statuskit.js" data-feed=…>` the configuration goes on a
// `<script type="application/json" data-statuskit>` tag, which the bundle reads when it starts.
// DOM is built with createElement/textContent only (the page runs under Trusted Types).

const SERVICE = 'tax-return';
const LANGUAGES = ['da', 'en', 'sv', 'fi'];

const TEXT = {
  da: {
    pageTitle: 'Årsopgørelse og selvangivelse – Skattestyrelsen (demo)',
    skip: 'Gå til indhold',
    demoTag: '(demo, ikke en rigtig side)',
    languages: 'Sprog',
    title: 'Årsopgørelse og selvangivelse',
    lead: 'Se din årsopgørelse, ret dine oplysninger og indberet det, der mangler. Du logger ind med MitID.',
    taskHeading: 'Sådan gør du',
    step1: 'Log ind med MitID.',
    step2: 'Tjek de oplysninger, vi har fået fra din arbejdsgiver og bank.',
    step3: 'Ret eller tilføj det, der mangler, og godkend.',
    start: 'Log ind og start',
    deadline: 'Fristen for at rette årsopgørelsen er 1. maj.',
    statusHeading: 'Driftsstatus',
    footer:
      'Skattestyrelsen · Telefon 72 22 18 18 · Denne side er en demo af Statuskit med en opdigtet udgave af selvbetjeningen.',
    noFeed: 'Driftsstatus kan ikke vises lige nu.',
  },
  en: {
    pageTitle: 'Tax return – Danish Tax Agency (demo)',
    skip: 'Skip to content',
    demoTag: '(demo, not a real page)',
    languages: 'Language',
    title: 'Tax return',
    lead: 'See your tax assessment, correct your details and report what is missing. You log in with MitID.',
    taskHeading: 'How to do it',
    step1: 'Log in with MitID.',
    step2: 'Check the information we have received from your employer and bank.',
    step3: 'Correct or add what is missing, and approve.',
    start: 'Log in and start',
    deadline: 'The deadline for correcting your tax assessment is 1 May.',
    statusHeading: 'Service status',
    footer:
      'Danish Tax Agency · Phone +45 72 22 18 18 · This page is a Statuskit demo with a made-up version of the self-service.',
    noFeed: 'The service status cannot be shown right now.',
  },
  sv: {
    pageTitle: 'Självdeklaration – Danska skatteverket (demo)',
    skip: 'Gå till innehållet',
    demoTag: '(demo, inte en riktig sida)',
    languages: 'Språk',
    title: 'Självdeklaration',
    lead: 'Se ditt slutskattebesked, rätta dina uppgifter och rapportera det som saknas. Du loggar in med MitID.',
    taskHeading: 'Så här gör du',
    step1: 'Logga in med MitID.',
    step2: 'Kontrollera uppgifterna vi har fått från din arbetsgivare och bank.',
    step3: 'Rätta eller lägg till det som saknas och godkänn.',
    start: 'Logga in och börja',
    deadline: 'Sista dag för att rätta uppgifterna är den 1 maj.',
    statusHeading: 'Driftstatus',
    footer:
      'Danska skatteverket · Telefon +45 72 22 18 18 · Den här sidan är en demo av Statuskit med en påhittad version av e-tjänsten.',
    noFeed: 'Driftstatus kan inte visas just nu.',
  },
  fi: {
    pageTitle: 'Veroilmoitus – Tanskan verohallinto (demo)',
    skip: 'Siirry sisältöön',
    demoTag: '(demo, ei oikea sivu)',
    languages: 'Kieli',
    title: 'Veroilmoitus',
    lead: 'Katso verotuspäätöksesi, korjaa tietojasi ja ilmoita puuttuvat tiedot. Kirjaudut MitID:llä.',
    taskHeading: 'Näin toimit',
    step1: 'Kirjaudu MitID:llä.',
    step2: 'Tarkista tiedot, jotka olemme saaneet työnantajaltasi ja pankiltasi.',
    step3: 'Korjaa tai lisää puuttuvat tiedot ja hyväksy.',
    start: 'Kirjaudu ja aloita',
    deadline: 'Verotuspäätöksen korjaamisen määräpäivä on 1. toukokuuta.',
    statusHeading: 'Palvelun tila',
    footer:
      'Tanskan verohallinto · Puhelin +45 72 22 18 18 · Tämä sivu on Statuskitin demo keksityllä verkkopalvelulla.',
    noFeed: 'Palvelun tilaa ei voi näyttää juuri nyt.',
  },
};

const requested = new URLSearchParams(location.search).get('lang');
const lang = LANGUAGES.includes(requested ?? '') ? requested : 'da';
const text = TEXT[lang];

// The elements follow the nearest `lang` around them, and re-render when it changes.
document.documentElement.lang = lang;
document.title = text.pageTitle;
for (const node of document.querySelectorAll('[data-i18n]')) {
  node.textContent = text[node.dataset.i18n];
}
for (const node of document.querySelectorAll('[data-i18n-label]')) {
  node.setAttribute('aria-label', text[node.dataset.i18nLabel]);
}
for (const link of document.querySelectorAll('a[data-lang]')) {
  if (link.dataset.lang === lang) link.setAttribute('aria-current', 'true');
  else link.removeAttribute('aria-current');
}

try {
  const config = await (await fetch('/demo-config.json', { cache: 'no-store' })).json();
  const tag = document.createElement('script');
  tag.type = 'application/json';
  tag.dataset.statuskit = '';
  tag.dataset.feed = config.feed;
  tag.dataset.service = SERVICE;
  document.head.append(tag);
  await import('/statuskit/statuskit.js');
} catch {
  // Without the demo server's configuration the elements cannot know the feed: say so plainly
  // rather than showing nothing (never "all working").
  const note = document.createElement('p');
  note.className = 'meta';
  note.textContent = text.noFeed;
  document.querySelector('.status-aside')?.append(note);
}
