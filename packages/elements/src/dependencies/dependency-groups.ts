import type { ServiceView, Status, ViewDependency, ViewServiceRef } from '@statuskit/model';

export function hasProblem(status: Status): boolean {
  return status !== 'operational' && status !== 'unknown';
}

/**
 * The rows of `<status-dependencies>`: every service in the view's dependency closure, as the
 * feed derived them (worst status first, nearest first among equals), split into those
 * affecting the user now and the rest.
 */
export function dependencyGroups(view: ServiceView): {
  readonly all: readonly ViewDependency[];
  readonly problems: readonly ViewDependency[];
  readonly others: readonly ViewDependency[];
} {
  const all = view.dependencies;
  return {
    all,
    problems: all.filter((row) => hasProblem(row.status)),
    others: all.filter((row) => !hasProblem(row.status)),
  };
}

/** Each dependency's status, by id: what announcements compare between two views. */
export function dependencyStatuses(view: ServiceView): Map<string, Status> {
  return new Map(dependencyGroups(view).all.map((row) => [row.id, row.status]));
}

/** A service's name as the view gives it, or its id. */
export function refName(ref: ViewServiceRef): string {
  return ref.name.text || ref.id;
}
