/**
 * `import-statuspage`: a saved Statuspage `summary.json` or `components.json` becomes a config
 * skeleton (one authority, a service per component), so a team moving from a Statuspage page
 * starts with its catalogue. Component groups have no counterpart in our model; they are
 * returned as notes. The skeleton is checked with the model's config validation, so it loads.
 */
import {
  formatIssues,
  validateFeedConfig,
  type LocalizedText,
  type Service,
  type ValidationIssue,
} from '@statuskit/model';
import { TimeZone, UnknownTimeZoneError } from '../planning/zoned-time.js';
import { COMPONENT_STATUSES, STATUS_OF_COMPONENT, type ComponentStatus } from './status-mapping.js';

/** The file cannot be imported; every problem names its field. */
export class StatuspageImportError extends Error {
  override name = 'StatuspageImportError';
  constructor(readonly issues: readonly ValidationIssue[]) {
    super(formatIssues(issues));
  }
}

/** A short config file to edit: only what the page said, defaults left to the feed. */
export interface ConfigSkeleton {
  readonly defaultLocale: string;
  readonly timeZone: string;
  readonly authorities: readonly {
    readonly id: string;
    readonly name: LocalizedText;
    readonly tokens: readonly string[];
  }[];
  readonly services: readonly Service[];
}

export interface StatuspageImport {
  /** Valid (`validateFeedConfig` accepts it), ready to be written as JSON. */
  readonly config: ConfigSkeleton;
  /** Statuspage's component groups, by the ids given to their members. */
  readonly groups: readonly { readonly name: string; readonly services: readonly string[] }[];
}

interface Component {
  /** Where it is in the file's `components`, for error paths. */
  readonly index: number;
  readonly id: string;
  readonly name: string;
  readonly status: ComponentStatus;
  readonly group: boolean;
  readonly groupId: string | undefined;
}

const ID_MAX = 64;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The config for a saved Statuspage page. `tokenHash` becomes the authority's token (the caller
 * makes the token); texts are stored under `locale`, which becomes the default language.
 */
export function configFromStatuspage(
  input: unknown,
  tokenHash: string,
  locale = 'en',
): StatuspageImport {
  const issues: ValidationIssue[] = [];
  if (!isRecord(input)) {
    throw new StatuspageImportError([
      { path: '', message: 'must be a Statuspage summary.json or components.json object' },
    ]);
  }
  const page = readPage(input['page'], issues);
  const components = readComponents(input['components'], issues);
  if (issues.length > 0) throw new StatuspageImportError(issues);
  const members = components.filter((component) => !component.group);
  if (members.length === 0) {
    throw new StatuspageImportError([
      { path: 'components', message: 'has no components outside groups to import' },
    ]);
  }

  const owner = slug(page.name ?? '', new Set()) ?? 'imported';
  const taken = new Set<string>();
  const idOf = new Map<string, string>();
  const services = members.map((component): Service => {
    const id = slug(component.name, taken) ?? uniqueId('service', taken);
    idOf.set(component.id, id);
    return {
      id,
      name: { [locale]: component.name },
      owner,
      status: STATUS_OF_COMPONENT[component.status],
    };
  });
  const groups = components
    .filter((component) => component.group)
    .map((group) => ({
      name: group.name,
      services: members
        .filter((member) => member.groupId === group.id)
        .flatMap((member) => idOf.get(member.id) ?? []),
    }));

  const skeleton: ConfigSkeleton = {
    defaultLocale: locale,
    timeZone: page.timeZone ?? 'UTC',
    authorities: [
      {
        id: owner,
        name: { [locale]: page.name ?? 'Imported from Statuspage' },
        tokens: [tokenHash],
      },
    ],
    services,
  };
  const checked = validateFeedConfig(skeleton);
  if (!checked.ok) {
    throw new StatuspageImportError(
      checked.errors.map((issue) => ({
        path: sourcePath(issue.path, members),
        message: issue.message,
      })),
    );
  }
  return { config: skeleton, groups };
}

/**
 * Where a problem of the made config came from in the file: a service's name from its component,
 * the authority's name from the page (`services[1].name.en` → `components[4].name`).
 */
function sourcePath(path: string, members: readonly Component[]): string {
  const service = /^services\[(\d+)\]\.name(\.|$)/.exec(path);
  if (service) return `components[${members[Number(service[1])]?.index ?? '?'}].name`;
  if (/^authorities\[0\]\.name(\.|$)/.test(path)) return 'page.name';
  return path;
}

/** The page's name and time zone; both optional (components.json of some pages lacks `page`). */
function readPage(
  value: unknown,
  issues: ValidationIssue[],
): { name: string | undefined; timeZone: string | undefined } {
  if (value === undefined) return { name: undefined, timeZone: undefined };
  if (!isRecord(value)) {
    issues.push({ path: 'page', message: 'must be an object' });
    return { name: undefined, timeZone: undefined };
  }
  const name =
    typeof value['name'] === 'string' && value['name'].trim() !== ''
      ? value['name'].trim()
      : undefined;
  const zone = value['time_zone'];
  if (zone === undefined || zone === null) return { name, timeZone: undefined };
  if (typeof zone !== 'string') {
    issues.push({ path: 'page.time_zone', message: 'must be a string' });
    return { name, timeZone: undefined };
  }
  try {
    new TimeZone(zone);
  } catch (error) {
    if (!(error instanceof UnknownTimeZoneError)) throw error;
    issues.push({ path: 'page.time_zone', message: error.message });
    return { name, timeZone: undefined };
  }
  return { name, timeZone: zone };
}

function readComponents(value: unknown, issues: ValidationIssue[]): Component[] {
  if (!Array.isArray(value)) {
    issues.push({
      path: 'components',
      message:
        'must be an array of components (save /api/v2/summary.json or /api/v2/components.json)',
    });
    return [];
  }
  return (value as readonly unknown[]).flatMap((entry, index): Component[] => {
    const path = `components[${index}]`;
    if (!isRecord(entry)) {
      issues.push({ path, message: 'must be an object' });
      return [];
    }
    const { id, name, status, group, group_id: groupId } = entry;
    const before = issues.length;
    if (typeof id !== 'string' || id === '')
      issues.push({ path: `${path}.id`, message: 'must be a non-empty string' });
    if (typeof name !== 'string' || name.trim() === '')
      issues.push({ path: `${path}.name`, message: 'must be a non-empty string' });
    if (!COMPONENT_STATUSES.includes(status as ComponentStatus))
      issues.push({
        path: `${path}.status`,
        message: `${JSON.stringify(status)} is not a Statuspage component status (${COMPONENT_STATUSES.join(', ')})`,
      });
    if (group !== undefined && typeof group !== 'boolean')
      issues.push({ path: `${path}.group`, message: 'must be true or false' });
    if (issues.length > before) return [];
    return [
      {
        index,
        id: id as string,
        name: (name as string).trim(),
        status: status as ComponentStatus,
        group: group === true,
        groupId: typeof groupId === 'string' ? groupId : undefined,
      },
    ];
  });
}

/** Letters Unicode does not decompose, written as Danish, Norwegian and German write them. */
const SPELLED_OUT: Readonly<Record<string, string>> = { æ: 'ae', ø: 'oe', ß: 'ss', đ: 'd', ł: 'l' };

/** A service id (`[a-z0-9][a-z0-9-]{0,63}`) from a name, not yet in `taken`; `undefined` when the name has no letters or digits. */
function slug(name: string, taken: Set<string>): string | undefined {
  const base = name
    .toLowerCase()
    .replace(/[æøßđł]/g, (letter) => SPELLED_OUT[letter] ?? letter)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, ID_MAX)
    .replace(/-+$/, '');
  return base === '' ? undefined : uniqueId(base, taken);
}

function uniqueId(base: string, taken: Set<string>): string {
  let id = base;
  for (let number = 2; taken.has(id); number += 1) {
    const suffix = `-${number}`;
    id = `${base.slice(0, ID_MAX - suffix.length).replace(/-+$/, '')}${suffix}`;
  }
  taken.add(id);
  return id;
}
