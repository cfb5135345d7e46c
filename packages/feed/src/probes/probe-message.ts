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
      fi: 'Automaattinen tarkistus toteaa, että palvelu vastaa normaalisti.',
      sv: 'En automatisk kontroll visar att tjänsten svarar normalt.',
    });
  }
  if (status === 'degraded') {
    const took = seconds(state.last?.durationMs ?? 0);
    const limit = seconds(probe.degradedAboveMs ?? 0);
    return inDefaultLanguage(defaultLocale, {
      da: `En automatisk kontrol finder, at tjenesten svarer langsomt (${took} s, mere end ${limit} s).`,
      en: `An automatic check finds this service answering slowly (${took} s, more than ${limit} s).`,
      fi: `Automaattinen tarkistus toteaa, että palvelu vastaa hitaasti (${took} s, yli ${limit} s).`,
      sv: `En automatisk kontroll visar att tjänsten svarar långsamt (${took} s, mer än ${limit} s).`,
    });
  }
  const failure = state.lastFailure;
  switch (failure?.kind) {
    case 'timeout':
      return inDefaultLanguage(defaultLocale, {
        da: `En automatisk kontrol kunne ikke nå tjenesten (intet svar inden for ${probe.timeoutSeconds} s).`,
        en: `An automatic check could not reach this service (timeout after ${probe.timeoutSeconds} s).`,
        fi: `Automaattinen tarkistus ei tavoittanut palvelua (ei vastausta ${probe.timeoutSeconds} sekunnissa).`,
        sv: `En automatisk kontroll nådde inte tjänsten (inget svar inom ${probe.timeoutSeconds} s).`,
      });
    case 'status':
      return inDefaultLanguage(defaultLocale, {
        da: `En automatisk kontrol fik en fejl fra tjenesten (HTTP ${failure.status}).`,
        en: `An automatic check got an error from this service (HTTP ${failure.status}).`,
        fi: `Automaattinen tarkistus sai palvelulta virheen (HTTP ${failure.status}).`,
        sv: `En automatisk kontroll fick ett fel från tjänsten (HTTP ${failure.status}).`,
      });
    case 'body':
      return inDefaultLanguage(defaultLocale, {
        da: 'En automatisk kontrol fik svar fra tjenesten, men ikke det forventede indhold.',
        en: 'An automatic check got an answer from this service, but not the expected content.',
        fi: 'Automaattinen tarkistus sai palvelulta vastauksen, mutta ei odotettua sisältöä.',
        sv: 'En automatisk kontroll fick svar från tjänsten, men inte det förväntade innehållet.',
      });
    case 'redirect':
      return inDefaultLanguage(defaultLocale, {
        da: 'En automatisk kontrol blev sendt videre væk fra tjenesten.',
        en: 'An automatic check was sent away from this service by a redirect.',
        fi: 'Automaattinen tarkistus ohjattiin uudelleenohjauksella pois palvelusta.',
        sv: 'En automatisk kontroll skickades bort från tjänsten av en omdirigering.',
      });
    case 'tls':
      return inDefaultLanguage(defaultLocale, {
        da: 'En automatisk kontrol kunne ikke bekræfte tjenestens certifikat.',
        en: "An automatic check could not verify this service's certificate.",
        fi: 'Automaattinen tarkistus ei pystynyt varmistamaan palvelun varmennetta.',
        sv: 'En automatisk kontroll kunde inte verifiera tjänstens certifikat.',
      });
    case 'unreachable':
    case undefined:
      return inDefaultLanguage(defaultLocale, {
        da: 'En automatisk kontrol kunne ikke nå tjenesten (forbindelsen mislykkedes).',
        en: 'An automatic check could not reach this service (the connection failed).',
        fi: 'Automaattinen tarkistus ei tavoittanut palvelua (yhteys epäonnistui).',
        sv: 'En automatisk kontroll nådde inte tjänsten (anslutningen misslyckades).',
      });
  }
}
