import type { NoticePhase, Status } from '@statuskit/model';
import type { Translate } from '../language/translator.js';

/** What a cause sentence is built from: a notice's dependency chain and where it starts. */
export interface CauseInput {
  /** `[the service, …, the service where the problem is]`. */
  readonly chain: readonly string[];
  readonly optional: boolean;
  readonly phase: NoticePhase;
  /** The status where the problem is (not what reaches the service). */
  readonly originStatus: Status;
}

/**
 * The plain-language cause of a problem that comes through a dependency: "You may not be able to
 * use Tax return because MitID is down. Tax return uses MitID through Login." `undefined` when
 * the problem is on the service itself (the notice's own title says it all).
 */
export function causeSentence(
  { chain, optional, phase, originStatus }: CauseInput,
  name: (serviceId: string) => string,
  t: Translate,
): string | undefined {
  const first = chain[0];
  const last = chain.at(-1);
  if (chain.length < 2 || first === undefined || last === undefined) return undefined;
  const service = name(first);
  const origin = name(last);
  const sentence =
    phase === 'upcoming'
      ? t(optional ? 'cause.plannedOptional' : 'cause.planned', { service, origin })
      : t(optional ? 'cause.viaOptional' : 'cause.via', {
          service,
          origin,
          problem: t(`cause.problem.${originStatus}`),
        });
  if (chain.length === 2) return sentence;
  const via = chain.slice(1, -1).map(name).join(', ');
  return `${sentence} ${t('cause.path', { service, origin, via })}`;
}

/** A title for a status problem that has no incident text: "MitID is down". */
export function problemTitle(origin: string, status: Status, t: Translate): string {
  return t('cause.title', { origin, problem: t(`cause.problem.${status}`) });
}
