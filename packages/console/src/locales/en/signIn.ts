export default {
  title: 'Sign in',
  intro:
    "Sign in with your authority's admin token to publish status for its services. You can read other authorities' services, but change only your own.",
  reason: {
    expired: 'Your session expired at {{time}}. Sign in again to continue.',
    ended: 'Your session has ended. Sign in again to continue.',
    signedOut: 'You are signed out.',
  },
  token: {
    label: 'Admin token',
    hint: 'The token is sent once to the feed to start a session. This browser never stores it.',
  },
  submit: 'Sign in',
  signingIn: 'Signing in…',
  errors: {
    summary: 'You could not be signed in',
    empty: 'Enter your admin token.',
    wrong: 'This token is not valid. Check it and try again.',
    tooMany:
      'Too many failed attempts from this address. Wait {{seconds}} seconds, then try again.',
    tooManyNoTime: 'Too many failed attempts from this address. Wait a while, then try again.',
    other: 'The feed refused the sign-in: {{reason}}',
  },
} as const;
