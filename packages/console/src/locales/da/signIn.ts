export default {
  title: 'Log ind',
  intro:
    'Log ind med din myndigheds administrationsnøgle for at offentliggøre status for dens tjenester. Du kan se andre myndigheders tjenester, men kun ændre dine egne.',
  reason: {
    expired: 'Din session udløb {{time}}. Log ind igen for at fortsætte.',
    ended: 'Din session er slut. Log ind igen for at fortsætte.',
    signedOut: 'Du er logget ud.',
  },
  token: {
    label: 'Administrationsnøgle',
    hint: 'Nøglen sendes én gang til feedet for at starte en session. Browseren gemmer den aldrig.',
  },
  submit: 'Log ind',
  signingIn: 'Logger ind…',
  errors: {
    summary: 'Du kunne ikke logges ind',
    empty: 'Indtast din administrationsnøgle.',
    wrong: 'Nøglen er ikke gyldig. Kontrollér den, og prøv igen.',
    tooMany:
      'For mange mislykkede forsøg fra denne adresse. Vent {{seconds}} sekunder, og prøv så igen.',
    tooManyNoTime: 'For mange mislykkede forsøg fra denne adresse. Vent lidt, og prøv så igen.',
    other: 'Feedet afviste login: {{reason}}',
  },
} as const;
