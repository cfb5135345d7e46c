/**
 * The public status message a probe writes: in plain words what an automatic check found. No
 * URL, address or error text reaches the public; those go to the log.
 */
import type { LocalizedText, ProbeSettings, Status } from '@statuskit/model';
import { inDefaultLanguage } from '../feed-wording.js';
import type { ProbeState } from './probe-state.js';

const seconds = (ms: number): string => {
  const value = ms / 1000;
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
};

/** `status` as concluded, explained by the probe's last check (or last failure, for an outage). */
export function probeMessage(
  status: Status,
  state: Pick<ProbeState, 'last' | 'lastFailure'>,
  probe: ProbeSettings,
  defaultLocale: string,
): LocalizedText {
  if (status === 'operational') {
    return inDefaultLanguage(defaultLocale, {
      da: 'En automatisk kontrol finder, at tjenesten svarer normalt.',
      en: 'An automatic check finds this service answering normally.',
    });
  }
  if (status === 'degraded') {
    const took = seconds(state.last?.durationMs ?? 0);
    const limit = seconds(probe.degradedAboveMs ?? 0);
    return inDefaultLanguage(defaultLocale, {
      da: `En automatisk kontrol finder, at tjenesten svarer langsomt (${took} s, mere end ${limit} s).`,
      en: `An automatic check finds this service answering slowly (${took} s, more than ${limit} s).`,
    });
  }
  const failure = state.lastFailure;
  switch (failure?.kind) {
    case 'timeout':
      return inDefaultLanguage(defaultLocale, {
        da: `En automatisk kontrol kunne ikke nå tjenesten (intet svar inden for ${probe.timeoutSeconds} s).`,
        en: `An automatic check could not reach this service (timeout after ${probe.timeoutSeconds} s).`,
      });
    case 'status':
      return inDefaultLanguage(defaultLocale, {
        da: `En automatisk kontrol fik en fejl fra tjenesten (HTTP ${failure.status}).`,
        en: `An automatic check got an error from this service (HTTP ${failure.status}).`,
      });
    case 'body':
      return inDefaultLanguage(defaultLocale, {
        da: 'En automatisk kontrol fik svar fra tjenesten, men ikke det forventede indhold.',
        en: 'An automatic check got an answer from this service, but not the expected content.',
      });
    case 'redirect':
      return inDefaultLanguage(defaultLocale, {
        da: 'En automatisk kontrol blev sendt videre væk fra tjenesten.',
        en: 'An automatic check was sent away from this service by a redirect.',
      });
    case 'tls':
      return inDefaultLanguage(defaultLocale, {
        da: 'En automatisk kontrol kunne ikke bekræfte tjenestens certifikat.',
        en: "An automatic check could not verify this service's certificate.",
      });
    case 'unreachable':
    case undefined:
      return inDefaultLanguage(defaultLocale, {
        da: 'En automatisk kontrol kunne ikke nå tjenesten (forbindelsen mislykkedes).',
        en: 'An automatic check could not reach this service (the connection failed).',
      });
  }
}
