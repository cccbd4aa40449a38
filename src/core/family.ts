// An intent's family: "award.region_result" -> "award". Asked for many times a turn, so kept.
const families = new Map<string, string>();

export function family(intent: string): string {
  let f = families.get(intent);
  if (f === undefined) {
    const dot = intent.indexOf('.');
    f = dot < 0 ? intent : intent.slice(0, dot);
    if (families.size < 10_000) families.set(intent, f);
  }
  return f;
}
