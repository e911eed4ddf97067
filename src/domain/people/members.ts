/**
 * The people of an organisation as they are shown: its members, then the people it removed (each
 * group kept in the order given, the order they joined).
 */
export function membersFirst<T extends { removed_at: Date | null }>(people: readonly T[]): T[] {
  return [...people.filter((p) => p.removed_at === null), ...people.filter((p) => p.removed_at !== null)];
}
